"""The reporting-cue lexicon and the spaCy Matcher that finds cues in a Doc.

A *cue* is the word or phrase that ties reported content to whoever it is credited to:
a reporting verb ("said", "has acknowledged", "pointed out", "called for"), a reporting
noun ("claims that", "allegations of"), or a fixed phrase ("according to", "in the view
of", "as X put it"). Verbs are listed by their base form and matched in every inflected
form (``say`` → say, says, said, saying), on the lower-cased token, so no lemmatizer is
needed. The Matcher is built once per vocabulary and reused for every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Token
from spacy.vocab import Vocab


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon written as a block of text."""
    return frozenset(text.split())


# Verbs that report speech, writing or a stated position on their own: with a subject
# they are a cue whatever follows ("the Post reports", "Smith denied it", "they warned").
SPEECH_VERBS = words("""
    say tell state declare announce proclaim claim assert allege contend insist argue
    explain remark comment reply respond retort testify confirm acknowledge admit concede
    deny warn caution predict estimate forecast reiterate stress emphasize emphasise boast
    brag complain lament joke quip scoff vow pledge swear accuse urge speculate tweet
    theorize theorise opine posit aver affirm reaffirm disclose divulge insinuate
    assure reassure confess exclaim mutter murmur rebut refute concur apologize apologise
    plead implore attest
    """)

# Verbs that are a cue only when they introduce content: a clause ("noted that…",
# "polls show Clinton leading"), a quotation, or an "X, he added" frame. Alone they are
# often plain narration ("he added three jobs", "she found the keys").
CONTENT_VERBS = words("""
    add note observe mention write report suggest indicate imply recall recount describe
    repeat answer counter question ask wonder promise threaten demand criticize criticise
    condemn blame praise agree disagree conclude find show reveal call cite quote believe
    think feel fear hope doubt expect know reckon guess charge hint maintain learn
    discover calculate project acknowledge estimate worry read recommend propose imagine fathom
    advise shout yell chant sing whisper write tweet post inform instruct notify remind
    object underline signal certify muse ponder beg suspect presume
    assume suppose conjecture surmise rule regret
    """)

# Content verbs whose plain object is no report ("learned this lesson", "added 300
# jobs", "wrote a book"): they are cues only with a clause, a quotation or a reporting frame.
CLAUSE_ONLY_VERBS = words("""
    add learn know read write calculate project feel post expect hear
    """)

# Verbs of stance, evaluation and depiction: a cue when a source takes a position on a
# target ("Clinton attacked Trump", "critics describe the plan as…", "the group opposes
# the bill"). They need a subject that can hold a view (a person, a group, a
# publication, a pronoun) and an object or complement.
STANCE_VERBS = words("""
    attack hit criticize criticise reject oppose support back endorse praise blame condemn
    denounce decry deride mock ridicule dismiss dispute challenge defend applaud welcome
    hail tout champion promote advocate bemoan rail slam blast hammer grill rip lambaste
    castigate chide scold rebuke downplay invoke cite reference highlight underscore
    label dub brand describe portray paint characterize characterise depict cast view see
    regard consider rate want wish seek plan intend prefer love like hate despise agree
    disagree understand realize realise recognize recognise remember discuss talk mention
    refer document chronicle detail outline propose recommend liken compare compliment
    extol judge express echo protest
    """)

# Stance verbs that also name violence ("Azerbaijan attacked Armenia"): a cue only when
# the target is a person ("attacked Trump") or the reason is given ("…as a fraud").
PHYSICAL_SENSE_VERBS = words("attack hit blast slam hammer rip grill")

# Verb + particle phrases: the particle is part of the cue ("pointed out", "called for").
PHRASAL_VERBS: tuple[tuple[str, str], ...] = (
    ("point", "out"),
    ("call", "for"),
    ("call", "on"),
    ("speak", "out"),
    ("weigh", "in"),
    ("chime", "in"),
    ("lash", "out"),
    ("spell", "out"),
    ("sound", "off"),
)

# Nouns that report what someone said or holds: "Trump's claim that…", "allegations of…".
CUE_NOUNS = words("""
    claim allegation accusation assertion statement remark comment warning prediction
    estimate denial admission announcement argument charge suggestion insistence testimony
    belief contention assessment conclusion finding pledge promise vow threat demand plea
    criticism complaint insinuation speculation forecast projection acknowledgment
    acknowledgement confirmation declaration report assurance recommendation observation
    revelation disclosure rumor rumour verdict ruling opinion impression perception notion
    idea theory hint hope fear concern worry doubt suspicion expectation assumption
    """)

# Adjectives of attitude said of a source: "Graham has been critical of Trump",
# "officials are confident that…".
ATTITUDE_ADJECTIVES = words("""
    critical concerned confident sure certain convinced skeptical sceptical optimistic
    pessimistic worried frustrated angry upset pleased proud coy passionate supportive
    opposed aware hopeful adamant insistent doubtful dismissive wary fearful afraid
    unhappy disappointed outraged furious enthusiastic unconvinced unsure uncertain
    cautious
    """)

# Adverbs that mark hearsay without naming its source: "he allegedly brandished…"
# (and "so-called", matched as a phrase).
HEARSAY_ADVERBS = words(
    "reportedly allegedly purportedly reputedly supposedly ostensibly apparently"
)

# Sayers that are no person: organisations, governments, publications and documents,
# what "it" can stand for as a speaker ("The ministry … It said").
BODY_NOUNS = words("""
    group organisation organization association alliance coalition union federation league
    council committee commission panel board body bureau agency authority department
    ministry office administration government regime state cabinet parliament congress
    senate house assembly court tribunal military army navy force party campaign team
    company firm corporation business bank industry lobby institute foundation charity
    university school college hospital church mission embassy delegation newspaper paper
    magazine journal outlet network station channel website site blog publication press
    report study survey poll census analysis review investigation inquiry audit assessment
    forecast document filing memo memorandum letter statement release announcement article
    story piece column editorial book transcript tweet message email video recording
    complaint lawsuit suit indictment ruling verdict decision brief petition resolution
    manifesto platform plan proposal database submission nation country city town county
    district municipality province region village ad advert advertisement commercial clip
    film documentary movie broadcast podcast show page post jury police electorate public
    """)

# Common nouns that can head the subject of a reporting verb: the bodies above, and
# people by role or trait, groups, data and media ("the report finds", "polls show").
# A noun outside this list (and without a person-like suffix, see ``SAYER_SUFFIXES``)
# is taken for an abstract noun or an event, which says nothing ("Port closure signals
# trouble", "the new rules propose to cap fees").
SAYER_NOUNS = BODY_NOUNS | words("""
    person people man woman men women child children boy girl family families friend
    neighbour neighbor parent mother father son daughter wife husband brother sister
    relative victim witness survivor resident citizen voter taxpayer consumer customer
    patient student pupil teacher worker employee employer staff crew official officer
    spokesman spokeswoman spokesperson representative rep aide adviser advisor counsel
    attorney lawyer judge justice prosecutor defendant plaintiff suspect cop detective
    agent soldier general commander chief head boss president chairman chairwoman chair
    director secretary minister governor mayor senator congressman congresswoman
    lawmaker legislator politician candidate nominee incumbent challenger delegate envoy
    ambassador diplomat king queen prince leader founder owner partner expert scientist
    researcher economist analyst strategist historian scholar professor doctor physician
    nurse surgeon academic observer critic commentator pundit columnist journalist
    reporter editor writer author blogger host anchor moderator presenter source insider
    whistleblower activist advocate campaigner protester demonstrator organizer
    organiser supporter opponent opposition ally rival skeptic sceptic proponent backer
    donor member fan follower user audience crowd majority minority community
    authorities states forces camp sector side media times polling research estimate
    estimates projection data figures numbers statistics stats records record evidence
    documents filings op-ed footage tape opinion findings results testimony analyses
    nations countries surrogate veteran veterans mate executive manager deputy staffer
    operative consultant colleague fellow coach player pastor priest bishop pope imam
    rabbi clergy sheriff trooper marshal pilot captain sergeant colonel major ceo mp vp
    premier dean provost principal superintendent respondent correspondent constituent
    refugee retiree detainee appointee trustee chancellor humanity mankind everybody
    someone cooperative collective conservative progressive liberal moderate native
    republican democrat independent lady gentleman guy folks kid teen teenager youth
    adult elder senior episode speech interview remarks headline caption slide chart
    graph webpage sign banner poster flyer leaflet pamphlet brochure ballot
    """)

# Nouns of quantity whose "of" phrase names who is meant ("a number of experts say",
# "a chorus of Republicans has said"); ``PEOPLE_SHARES`` stand for people on their own,
# as in a poll ("63 percent said", "a majority agreed").
SHARE_NOUNS = words("""
    percent per cent percentage share majority minority proportion third half quarter
    handful number chorus host group series slew dozen dozens hundreds thousands
    millions scores bunch couple pair trio lot lots plenty rest
    """)
PEOPLE_SHARES = words("""
    percent percentage majority minority third half quarter handful dozens hundreds
    thousands millions
    """)

# Words that stand for people in subject position: "many say", "some argue".
QUANTIFIERS = words("""
    many some few most several all both others anyone everyone everybody someone somebody
    nobody none each either neither
    """)

# Endings of nouns for people by what they do or hold ("farmers", "economists",
# "Republicans", "residents"); ``NOT_SAYERS`` lists the common exceptions.
SAYER_SUFFIXES = (
    "er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants",
    "man", "men", "woman", "women", "person", "people",  # "businessman", "chairwomen"
)  # fmt: skip
NOT_SAYERS = words("""
    number numbers order orders border borders power powers water matter matters center
    centre centers factor factors sector error errors door floor corner
    quarter quarters chapter chapters character weather cancer winter summer layer
    meter year years tier career fever hunger trigger river tower shower disaster
    chamber behavior behaviour manner liquor motor tractor vapor flavor favor
    plant plants grant grants restaurant restaurants
    """)

# Verbs of appearance: the writer's inference, credited to no one ("it seems that…").
APPEARANCE_VERBS = words("seem appear")

# Nouns of "in X's view", "in the words of X".
VIEW_NOUNS = words("view views words opinion estimation judgment judgement eyes mind")

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "know": ("knows", "knew", "known", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "hear": ("hears", "heard", "hearing"),
    "read": ("reads", "read", "reading"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "forecast": ("forecasts", "forecast", "forecasted", "forecasting"),
    "sing": ("sings", "sang", "sung", "singing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "learn": ("learns", "learned", "learnt", "learning"),
    "put": ("puts", "put", "putting"),
}
# Verbs that double their final consonant before -ed and -ing.
_DOUBLING = words("admit quip rebut regret commit omit permit refer prefer")


def verb_forms(base: str) -> tuple[str, ...]:
    """Every inflected form of an English verb: base, 3rd person, past, participles."""
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    stem = base + base[-1] if base in _DOUBLING else base
    if base.endswith(("s", "sh", "ch", "x", "z")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base.endswith("ie"):
        past, ing = base + "d", base[:-2] + "ying"
    elif base.endswith("e"):
        past, ing = base + "d", (base if base.endswith(("ee", "ye", "oe")) else base[:-1]) + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    return (base, third, past, ing)


def noun_forms(noun: str) -> tuple[str, ...]:
    """A noun and its plural."""
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return (noun, noun + "es")
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return (noun, noun[:-1] + "ies")
    return (noun, noun + "s")


def _forms(bases: frozenset[str]) -> list[str]:
    return sorted({form for base in bases for form in verb_forms(base)})


_VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]

# Matcher labels, read back by the attribution extractor.
SPEECH_VERB = "SPEECH_VERB"
CONTENT_VERB = "CONTENT_VERB"
STANCE_VERB = "STANCE_VERB"
PHRASAL_VERB = "PHRASAL_VERB"
CUE_NOUN = "CUE_NOUN"
VIEW_NOUN = "VIEW_NOUN"
ATTITUDE_ADJ = "ATTITUDE_ADJ"
HEARSAY_ADVERB = "HEARSAY_ADVERB"
APPEARANCE_VERB = "APPEARANCE_VERB"
ACCORDING_TO = "ACCORDING_TO"
AS_PUT_IT = "AS_PUT_IT"

# Keyed by id(vocab); the vocab is kept with its matcher so that the id stays its own.
_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def cue_matcher(vocab: Vocab) -> Matcher:
    """The cue Matcher for a vocabulary, built on first use and cached."""
    cached = _MATCHERS.get(id(vocab))
    if cached is None:
        cached = _MATCHERS[id(vocab)] = (vocab, _build(vocab))
    return cached[1]


# Single cue words: the Matcher finds them by their lower-cased form alone (one test per
# token), and ``cue_label`` sorts a found word into its class by part of speech.
CUE_WORD = "CUE_WORD"
_VERB_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    (SPEECH_VERB, SPEECH_VERBS),
    (CONTENT_VERB, CONTENT_VERBS),
    (STANCE_VERB, STANCE_VERBS),
    (APPEARANCE_VERB, APPEARANCE_VERBS),
)


def _word_labels() -> dict[str, list[tuple[str, str]]]:
    """Each cue word form with the (label, part of speech) it is a cue as, in order."""
    labels: dict[str, list[tuple[str, str]]] = {}
    for label, verbs in _VERB_CLASSES:
        for form in _forms(verbs):
            if not any(pos == "VERB" for _, pos in labels.get(form, [])):
                labels.setdefault(form, []).append((label, "VERB"))
    for noun in sorted(CUE_NOUNS):
        for form in noun_forms(noun):
            labels.setdefault(form, []).append((CUE_NOUN, "NOUN"))
    for noun in sorted(VIEW_NOUNS):
        labels.setdefault(noun, []).append((VIEW_NOUN, "NOUN"))
    for adjective in sorted(ATTITUDE_ADJECTIVES):
        labels.setdefault(adjective, []).append((ATTITUDE_ADJ, "ADJ"))
    for adverb in sorted(HEARSAY_ADVERBS):
        labels.setdefault(adverb, []).append((HEARSAY_ADVERB, "ANY"))
    return labels


_WORD_LABELS = _word_labels()
_BASE_FORMS = {
    form: base
    for verbs in (SPEECH_VERBS, CONTENT_VERBS, STANCE_VERBS)
    for base in sorted(verbs)
    for form in verb_forms(base)
}


def base_form(word: str) -> str:
    """The base form of a lexicon verb in any of its forms ("said" → "say"); else the word."""
    return _BASE_FORMS.get(word.lower(), word.lower())


_SAYER_FORMS = frozenset(form for noun in SAYER_NOUNS for form in noun_forms(noun))
_SAYER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART"})
_SAYER_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "DT", "CD", "NNP", "NNPS"})


def can_say(token: Token) -> bool:
    """Whether the head of a subject names something that can say things: a person, an
    organisation, a government, a group, a publication or a document, a name or a pronoun
    (not an abstract noun or an event: "closure", "the rules")."""
    if token.ent_type_ in _SAYER_ENTITIES or token.tag_ in _SAYER_TAGS:
        return True
    if any(c.dep_ == "appos" and c.ent_type_ in _SAYER_ENTITIES for c in token.children):
        return True  # "the company's chief executive, Anna Berg,"
    lower = token.lower_
    if lower in SHARE_NOUNS:  # "a number of experts", "63 percent"
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whom = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return can_say(whom) if whom is not None else lower in PEOPLE_SHARES
    if lower in _SAYER_FORMS or lower in QUANTIFIERS:
        return True
    if untagged_name(token):
        return True
    return lower.endswith(SAYER_SUFFIXES) and lower not in NOT_SAYERS and len(lower) > 4


def untagged_name(token: Token) -> bool:
    """A name the tagger took for a common noun: a capitalised word after a capitalised
    first part, inside a sentence that is not in title case ("Paulo Neves of the institute
    wrote…", where the model reads "Neves" as a plural)."""
    if not token.is_title or token.i == token.sent.start:
        return False
    if not any(c.dep_ == "compound" and c.is_title and c.i == token.i - 1 for c in token.children):
        return False
    lower_words = sum(t.is_lower and len(t) > 3 for t in token.sent)
    return lower_words > 1  # a headline in title case has (almost) none


def cue_label(token: Token) -> str | None:
    """The class of a cue word found by the Matcher, from its part of speech."""
    for label, pos in _WORD_LABELS.get(token.lower_, ()):
        if pos == "ANY":
            return label
        if pos == "VERB" and token.tag_ in _VERB_TAGS:
            return label
        if pos == "NOUN" and token.pos_ in ("NOUN", "PROPN") and not token.tag_.startswith("VB"):
            return label
        if pos == "ADJ" and (token.pos_ == "ADJ" or token.tag_ == "VBN"):  # "convinced"
            return label
    return None


# Two-word cues: a verb and its particle ("pointed out", "called for") and "as X put it".
PHRASE = "PHRASE"
_PHRASES = (*PHRASAL_VERBS, ("put", "it"))
_PHRASE_VERBS = {form: verb for verb, _ in _PHRASES for form in verb_forms(verb)}


def phrase_label(verb: Token, particle: Token) -> str | None:
    """The class of a verb-and-particle pair found by the Matcher."""
    base = _PHRASE_VERBS.get(verb.lower_)
    if base is None or verb.tag_ not in _VERB_TAGS or (base, particle.lower_) not in _PHRASES:
        return None
    return AS_PUT_IT if base == "put" else PHRASAL_VERB


def _build(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add(CUE_WORD, [[{"LOWER": {"IN": sorted(_WORD_LABELS)}}]])
    particles = sorted({particle for _, particle in _PHRASES})
    matcher.add(
        PHRASE,
        [[{"LOWER": {"IN": sorted(_PHRASE_VERBS)}}, {"LOWER": {"IN": particles}}]],
    )
    matcher.add(
        HEARSAY_ADVERB,
        [[{"LOWER": "so-called"}], [{"LOWER": "so"}, {"LOWER": "-"}, {"LOWER": "called"}]],
    )
    matcher.add(ACCORDING_TO, [[{"LOWER": "according"}, {"LOWER": "to"}]])
    return matcher


# Quotation marks: straight, curly (English and German low-high) and guillemets.
_OPENING_MARKS = "“„‟«"
_CLOSING_MARKS = "”»"
_QUOTE_MARK = re.compile(r"[\"“”„‟«»]")
_CAN_FOLLOW_OPENING = "([{—–-/‘'"
_CAN_PRECEDE_CLOSING = ".,;:!?)]}—–-…’'"


@dataclass(frozen=True)
class Quoted:
    """A stretch of quoted text in a block, quotation marks included (block-text offsets).

    ``opened`` is False when the quote has no opening mark of its own (a closing mark with
    none before it: the quote runs on from before the block); ``closed`` is False when it
    has no closing mark (it runs to the block end, as a quote running over several
    paragraphs does).
    """

    start: int
    end: int
    opened: bool = True
    closed: bool = True


def _role(text: str, i: int, open_now: bool) -> str:
    """Whether the quotation mark at ``i`` opens or closes, from the glyph and its neighbours."""
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = not after.isspace() and (
        before.isspace() or before in _CAN_FOLLOW_OPENING or before in _OPENING_MARKS + '"'
    )
    can_close = not before.isspace() and (
        after.isspace() or after in _CAN_PRECEDE_CLOSING or after in _CLOSING_MARKS + '"'
    )
    if mark in _OPENING_MARKS:
        return "close" if can_close and not can_open else "open"
    if mark in _CLOSING_MARKS:
        return "open" if can_open and not can_close else "close"
    if can_open != can_close:
        return "open" if can_open else "close"
    return "close" if open_now else "open"


def quoted_spans(text: str) -> list[Quoted]:
    """The quoted stretches of one block of text, tolerating unbalanced marks.

    A mark opens or closes by its glyph, or by its neighbours where the glyph is
    straight or used the wrong way round (``”Word`` at a paragraph start opens). An
    opening mark while a quote is open starts a new quote (the first was never closed);
    a curly closing mark with none open before it closes a quote that began before the
    block (a straight one is left alone: it may be an inch mark); a quote
    still open at the end runs to the end of the block.
    """
    spans: list[Quoted] = []
    open_at: int | None = None
    for found in _QUOTE_MARK.finditer(text):
        i = found.start()
        if _role(text, i, open_at is not None) == "open":
            if open_at is not None:
                spans.append(Quoted(open_at, i, closed=False))
            open_at = i
        elif open_at is not None:
            spans.append(Quoted(open_at, i + 1))
            open_at = None
        elif not spans and text[i] in _CLOSING_MARKS:
            spans.append(Quoted(0, i + 1, opened=False))
    if open_at is not None:
        spans.append(Quoted(open_at, len(text), closed=False))
    return spans
