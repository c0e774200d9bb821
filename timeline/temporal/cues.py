"""Tense cues around an expression: does a bare weekday or month point to the past or the future?

Order of evidence:
1. a direction phrase right before the expression ("until", "as early as", "since": lexicon direction_phrases; "until"
   only inside a clause, not opening a sentence); then a possessive ("Wednesday's ruling": past);
2. a cue word right after the expression, then the nearest one before it in the sentence, then one of the next
   RIGHT_WORDS words after it:
   future cues ("will", "expected", "next", "could") give +1, past cues ("said", "was", "ago", irregular past verbs,
   "-ed" forms) give -1. Right after the expression an "-ed" form is the clause's own verb, so it is past even when
   the same word before an expression announces a future ("vowed to strike Friday" / "Clinton Saturday vowed").
No cue gives None, and the resolver applies its documented default (weekdays: past; months/quarters/seasons: the
nearest occurrence). Sentence ends skip abbreviations ("U.S.", "Mr.", "Sept.": lexicon abbreviations). A line break
ends a sentence too: headlines, datelines and bylines carry no final stop ("May 3rd, 2013 2:00pm EDT" on its own line
gives no cue to the story's first sentence).
"""

from __future__ import annotations

import re

from timeline.temporal.lexicon import Lexicon

_WORD = re.compile(r"[A-Za-z'’]+")
_LEFT_CHARS = 120
#: how far back a whole sentence is read for a past verb anywhere in it
_SENTENCE_CHARS = 400
RIGHT_WORDS = 4
_RIGHT_CHARS = 80
_SENTENCE_END = re.compile(r"[.!?]['\"`]*\s+(?=\S)|[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)$")


def _words(window: str) -> list[str]:
    """The words of ``window``, contractions split as the cue lists spell them ("he'll" -> "he", "'ll";
    "won't" -> "wo", "n't"; curly apostrophes read as straight ones)."""
    out: list[str] = []
    for w in _WORD.findall(window):
        w = w.replace("’", "'")
        if len(w) > 3 and w[-3:].lower() in ("'ll", "n't"):
            out += [w[:-3], w[-3:]]
        else:
            out.append(w)
    return out


def _is_sentence_end(text: str, m: re.Match[str], lex: Lexicon) -> bool:
    if text[m.start()] != ".":
        return True
    w = _WORD_BEFORE.search(text, 0, m.start())
    if w is None:
        return True
    word = w.group(1)
    if len(word) == 1 and word.isupper():
        return False  # "U.S.", "J. Smith"
    return word.lower() not in lex.abbreviations


def _left_window(text: str, start: int, lex: Lexicon, chars: int = _LEFT_CHARS) -> str:
    begin = max(0, start - chars)
    while 0 < begin < start and text[begin - 1].isalnum():
        begin += 1  # never start inside a word ("ill" of "will")
    window = text[begin:start]
    cut = 0
    for m in _SENTENCE_END.finditer(window):
        if _is_sentence_end(window, m, lex):
            cut = m.end()
    return window[cut:]


def _right_window(text: str, end: int, lex: Lexicon) -> str:
    window = text[end : end + _RIGHT_CHARS]
    for m in _SENTENCE_END.finditer(window):
        if _is_sentence_end(window, m, lex):
            return window[: m.start()]
    return window


def _cue(words: list[str], i: int, lex: Lexicon) -> int:
    if i > 0 and words[i][:1].isupper() and words[i].lower() in lex.ambiguous_months:
        return 0  # the month inside a sentence ("between March and May, prices rose"), not the modal
    w = words[i].lower()
    if i + 1 < len(words) and (w, words[i + 1].lower()) in lex.not_cue_pairs:
        return 0  # "next to the embassy", "at last"
    if (i + 1 < len(words) and (w, words[i + 1].lower()) in lex.future_pairs
            and not (i > 0 and words[i - 1].lower() in lex.word_set("cue_pair_noun_determiners"))):
        if any(p.lower() in lex.past_auxiliaries for p in words[max(0, i - 2) : i]):
            return -1  # "had been set to expire Friday", "was first set to fly in the summer"
        return 1  # "set to resume Monday", "is to resume trading Tuesday"
    if (w in lex.data.future_participles and 0 < i < len(words) - 1
            and (words[i - 1].lower() in lex.word_set("simple_past_auxiliaries")
                 or words[i - 1].lower() in lex.word_set("present_scheduled_auxiliaries"))
            and words[i + 1].lower() in lex.word_set("scheduled_for_openers")):
        # "A hearing was scheduled for [October]", "was set for": the news of a date set, ahead within reach; "is set
        # for [Thursday]" as "is scheduled for"
        return 1
    if w in lex.future_cues:
        if w in lex.data.future_participles and any(p.lower() in lex.past_auxiliaries for p in words[max(0, i - 2) : i]):
            return -1  # "had been scheduled to expire Friday"
        return 1
    if i > 1 and words[i - 1].lower() == "be" and words[i - 2].lower() in lex.future_be and (
            w in lex.past_cues or (len(w) > 4 and w.endswith("ed"))):
        return 1  # "will be named commander for a mission in December", "to be completed by Dec. 15"
    before = words[i - 1].lower() if i > 0 else ""
    if w in lex.past_cues:
        if w in lex.word_set("past_base_same") and (
                before in lex.word_set("non_finite_markers") or before in lex.word_set("adjectival_ed_after")):
            return 0  # "will shut on Friday", "The highway is shut through Friday"
        return -1
    if len(w) > 4 and w.endswith("ed") and w not in lex.not_past_ed:
        return 0 if before in lex.word_set("adjectival_ed_after") else -1  # "will stay closed through Monday": an adjective
    if (w in lex.word_set("schedule_base_verbs") and i > 0 and words[i][:1].islower()
            and before not in lex.word_set("non_finite_markers")
            and (words[i - 1][:1].isupper() or (len(before) > 3 and before.endswith("s")))):
        # a subject right before: a name or a plural ("Arsenal face", "the two sides meet"), not a noun's modifier
        # ("hit a home run on Friday", "made a strong start on Friday")
        return 1  # "Arsenal face Villa on Saturday", "Pre-orders open Friday" (not a name: "won the Australian Open")
    return 0


def _right_cue(words: list[str], i: int, lex: Lexicon) -> int:
    w = words[i].lower()
    if len(w) > 4 and w.endswith("ed") and w not in lex.not_past_ed and w not in lex.data.future_participles:
        return -1  # "President Clinton Saturday vowed ...": the clause's own past verb
    return _cue(words, i, lex)


_OPENING_IN = re.compile(r"(?:^|[.!?]['\"`]*\s+|\n\s*)In\s$")
_MONTH_COMMA = re.compile(r"[A-Z][a-z]+\.?,")


def phrase_direction(text: str, start: int, lex: Lexicon) -> int | None:
    """+1/-1 when a direction phrase ends right before `start` ("until", "as early as", "since"), else None.

    A sentence opening "In January, ..." (a bare month and a comma) frames a look back: -1, unless a future cue follows
    in the sentence."""
    if _OPENING_IN.search(text, max(0, start - 8), start) and (m := _MONTH_COMMA.match(text, start)):
        rest = _words(_right_window(text, m.end(), lex))
        if not any(w.lower() in lex.future_cues for w in rest):
            return -1  # ... unless the sentence announces a future ("In May, voters will choose")
    before = text[max(0, start - 24) : start].lower()
    if not before.endswith((" ", "\n")):
        return None
    before = " " + " ".join(before.split())
    for phrase, sign in lex.direction_phrases:
        if before.endswith(" " + phrase):
            if sign == 0:
                return None
            if phrase in lex.not_initial_phrases and _opens_sentence(text, start, len(phrase), lex):
                return None
            return sign
    return None


def phrase_reaches_far(text: str, start: int, lex: Lexicon) -> bool:
    """Does a direction phrase right before `start` fix the side within a whole year (all but lexicon near_phrases)?"""
    if phrase_direction(text, start, lex) is None:
        return False
    before = " " + " ".join(text[max(0, start - 24) : start].lower().split())
    near = next((p for p in lex.data.near_phrases if before.endswith(" " + p)), None)
    return near is None or _near_phrase_ahead(text, start, near, lex)


def _near_phrase_ahead(text: str, start: int, phrase: str, lex: Lexicon) -> bool:
    """Does the clause before a near phrase ("until") set a deadline ahead, as far as any direction phrase reaches: a
    far-reaching future cue nearest before it ("will extend the rebate until [31 December]", "will be extended until")
    or a present holder right before it (lexicon until_deadline_holders: "They have until [Aug. 4] to submit"; not
    "had until", "was at large until")?"""
    head = text[max(0, start - _LEFT_CHARS) : start].rstrip()
    head = head[: len(head) - len(phrase)]
    left = _words(_left_window(head + " x", len(head) + 1, lex))
    if left and left[-1].lower() in lex.word_set("until_deadline_holders"):
        return True
    found = _left_cue(left, 0, lex)
    if found is None or found[0] != 1:
        return False
    low = [w.lower() for w in left]
    return any(w in lex.data.far_future_cues for w in low) and not any(w in lex.past_auxiliaries for w in low)


def _opens_sentence(text: str, start: int, phrase_len: int, lex: Lexicon) -> bool:
    """Does the phrase that ends right before `start` open its sentence ("Until Thursday, they had ...")?"""
    head = text[max(0, start - phrase_len - 40) : start].rstrip()
    head = head[: len(head) - phrase_len].rstrip()
    return not head or _left_window(head + " x", len(head) + 2, lex) == "x"


def direction(text: str, start: int, end: int, lex: Lexicon) -> int | None:
    """+1 (future), -1 (past) or None (no cue) for the expression at text[start:end].

    A direction phrase right before wins; then a verb right after ("officials Friday refused"); then the nearest cue
    to the left in the sentence; then the next few words to the right.
    """
    return evidence(text, start, end, lex)[0]


def evidence(text: str, start: int, end: int, lex: Lexicon) -> tuple[int | None, str, str]:
    """(direction, cue word, where) for `direction`: where is "phrase", "right1", "left", "right" or "none"."""
    phrase = phrase_direction(text, start, lex)
    if phrase is not None:
        return phrase, "", "phrase"
    right_text = _right_window(text, end, lex)
    right = _words(right_text)[:RIGHT_WORDS]
    if (m := _AFTER_COMMA.match(right_text)) and _reduced_participle(m.group(1), m.group(2), lex):
        right = []  # "will hold talks on [Tuesday morning], followed by a news conference": no verb of the clause
    deadline = lex.word_set("deadline_nouns")
    names_deadline = any(w.lower() in deadline for w in right[:3])
    window = _left_window(text, start, lex)
    if text.startswith(("'s ", "’s "), end) and not names_deadline and not any(
            w.lower() in lex.strong_future_cues for w in _words(window)):
        # "Wednesday's ruling", "Friday's close": news reports the event as done (but "will vote in Sunday's election")
        return -1, "'s", "possessive"
    if _CLOSES_ASIDE.match(text, end) and (aside := _ASIDE_OPEN.search(window)) is not None:
        # inside a relative clause that a comma closes right after the expression: the clause's own verb decides, not
        # the main verb after the comma ("The leader, who will reply on [Thursday], said ...")
        found = _left_cue(_words(window[aside.start() :]), 0, lex)
        if found is not None:
            return found
    if right:
        c = _right_cue(right, 0, lex)
        if c:
            return c, right[0].lower(), "right1"
    asides = list(_ASIDE_CLOSED.finditer(window))
    if asides:
        # after a closed relative clause the clause's own verb decides, with the subject before the aside
        head = _words(window[: asides[-1].start()])
        found = _left_cue(head + _words(window[asides[-1].end() :]), len(head), lex)
        if found is not None:
            return found
    found = _left_cue(_words(window), 0, lex)
    if found is not None:
        return found
    if names_deadline:
        sentence = _words(_left_window(text, start, lex, _SENTENCE_CHARS))
        if not any(_cue(sentence, i, lex) < 0 for i in range(len(sentence))):
            return 1, "deadline", "right"  # "Transit workers set [Friday] strike deadline" (no past verb in the sentence)
    for i in range(1, len(right)):
        w = right[i].lower()
        if w in lex.data.future_participles and w.endswith("ed") and right[i - 1].lower() not in lex.auxiliaries:
            return -1, w, "right"  # "On Friday, the government planned to pay ...": the clause's past verb
        c = _right_cue(right, i, lex)
        if c:
            return c, right[i].lower(), "right"
    return None, "", "none"


_AFTER_COMMA = re.compile(r"\s*,\s+([A-Za-z]+)\s+([A-Za-z]+)")


def _reduced_participle(word: str, after: str, lex: Lexicon) -> bool:
    """Is ``word``, after a comma right after the expression, an "-ed" participle that a word of lexicon
    reduced_participle_followers follows ("[Tuesday], followed by a dinner", "..., backed by its allies"): a reduced
    passive clause, no past verb of the expression's own clause?"""
    w = word.lower()
    return (word.islower() and len(w) > 4 and w.endswith("ed")
            and after.lower() in lex.word_set("reduced_participle_followers"))


#: a relative clause closed before the expression: an aside whose verb is not the clause's ("Surrey, who finished
#: second last season, host Yorkshire on [Friday]")
_ASIDE_CLOSED = re.compile(r",\s+(?:who|which)\b[^,;:()\"“”]*,")
#: ... and one still open before the expression, closed by a comma right after it
_ASIDE_OPEN = re.compile(r",\s+(?:who|which)\b[^,;:()\"“”]*$")
_CLOSES_ASIDE = re.compile(r"\s*,")


def _left_cue(left: list[str], lo: int, lex: Lexicon) -> tuple[int, str, str] | None:
    """The nearest cue among left[lo:] (the words before the expression), or None. A past verb whose infinitive comes
    between it and a deadline looks ahead ("ordered Wexley to surrender his passport by [Friday]"). A gerund after
    "after" (lexicon gerund_past_openers) between a "would" (gerund_past_overridden) and the expression is the
    expression's own clause and reports what happened ("would miss three weeks after injuring his hamstring on
    [Thursday]": past); "will fly home after playing Chelsea on [Saturday]" keeps its "will"."""
    infinitive = False
    deadline = bool(left) and left[-1].lower() in lex.word_set("deadline_openers")
    if _rescheduled_to(left, lex):
        return 1, left[-1].lower(), "left"  # "The vote was pushed back to [Monday]": the new date is still to come
    gerund, gerund_at = False, 0
    for i in range(len(left) - 1, lo - 1, -1):
        c = _cue(left, i, lex)
        if c < 0 and infinitive and deadline:
            return 1, "to", "left"
        if (c > 0 and gerund and left[i].lower() in lex.word_set("gerund_past_overridden")
                and any(w.lower() in lex.word_set("gerund_past_spans") for w in left[i + 1 : gerund_at])):
            # a span the "would" runs from the gerund ("would miss three weeks after injuring his hamstring on
            # [Thursday]": past); not "would decide after meeting the unions on [Friday]"
            return -1, "after", "left"
        if c:
            return c, left[i].lower(), "left"
        if (left[i].lower() in lex.word_set("gerund_past_openers") and i + 1 < len(left)
                and left[i + 1].islower() and len(left[i + 1]) > 4 and left[i + 1].endswith("ing")):
            gerund, gerund_at = True, i
        if _is_infinitive(left, i, lex):
            infinitive = True
    return None


def _rescheduled_to(left: list[str], lex: Lexicon) -> bool:
    """Do the words before the expression move something to it: a word of lexicon rescheduled_to_verbs, a particle of
    rescheduled_to_particles maybe, then one of rescheduled_to_openers ("postponed to", "pushed back until", "moved
    to no earlier than" is left to its phrase)?"""
    if len(left) < 2 or left[-1].lower() not in lex.word_set("rescheduled_to_openers"):
        return False
    k = len(left) - 2
    if left[k].lower() in lex.word_set("rescheduled_to_particles") and k > 0:
        k -= 1
    return left[k].lower() in lex.word_set("rescheduled_to_verbs")


def _is_infinitive(words: list[str], i: int, lex: Lexicon) -> bool:
    """Is words[i] the "to" of an infinitive that looks ahead of the verb before it ("ordered him to appear"; not "had
    to leave", "failed to pay", "went to the court")?"""
    if words[i].lower() != "to" or i + 1 >= len(words) or i == 0:
        return False
    verb = words[i + 1]
    if not verb.isalpha() or not verb.islower() or verb in lex.word_set("non_finite_markers"):
        return False
    return words[i - 1].lower() not in lex.word_set("infinitive_not_ahead")


def reaches_far_ahead(text: str, start: int, lex: Lexicon, cue: tuple[int | None, str, str]) -> bool:
    """Does the future cue of the expression at ``start`` (``cue``: its ``evidence``) look a year ahead (lexicon
    far_future_cues: "will"; or a future participle after a present auxiliary before the expression: "is expected to
    start in ...")? Only for an expression that a word of lexicon far_future_openers introduces ("in February", not
    "its February sales")."""
    direction, word, where = cue
    if direction != 1:
        return False
    before = text[max(0, start - 16) : start]
    opener = _WORD_BEFORE.search(before.rstrip()) if before[-1:].isspace() else None
    if opener is None or opener.group(1).lower() not in lex.data.far_future_openers:
        return False
    if word in lex.data.far_future_cues:
        return True
    if word not in lex.data.future_participles or where != "left":
        return False
    left, i = _last_left(text, start, lex, word)
    return i > 0 and left[i - 1] in lex.data.auxiliaries


def _last_left(text: str, start: int, lex: Lexicon, word: str) -> tuple[list[str], int]:
    """The words before the expression (lower case) and the index of the last ``word`` among them (-1: none)."""
    left = [w.lower() for w in _words(_left_window(text, start, lex))]
    return left, (len(left) - 1 - left[::-1].index(word) if word in left else -1)


def reported_future(text: str, start: int, lex: Lexicon, cue: tuple[int | None, str, str]) -> bool:
    """Is the future cue of the expression at ``start`` (``cue``: its ``evidence``) one of lexicon reported_far_cues
    ("would", "expected") after a reporting verb earlier in the sentence ("said it would provide updates and expected
    to complete replacements by [the end of June]")? What a source said is ahead reaches as far as a past cue does."""
    direction, word, where = cue
    if direction != 1 or where != "left" or word not in lex.word_set("reported_far_cues"):
        return False
    left, i = _last_left(text, start, lex, word)
    reporting = lex.word_set("reporting_verbs")
    return i > 0 and any(w in reporting for w in left[:i])


_FRAMING_YEAR = re.compile(r"[\"'`“‘]*(?:(?:Back|Earlier|Later|Early|Late)\s+(?:in|during|by)|In|During|By)\s+(?:(?:early|late|mid-?)\s*)?"
                           r"(?:[A-Z][a-z]+\.?\s+)?((?:1[6-9]|2[01])\d\d),\s")
_YEAR = re.compile(r"\b(?:1[6-9]|2[01])\d\d\b")
#: a relative clause opened before a full date: background, not the sentence's frame ("The company, which was founded
#: on May 5, 2001, reported ...")
_ASIDE = re.compile(r",\s+(?:which|who|whose)\b")
_FULL_DATE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,\s+"
                        r"((?:1[6-9]|2[01])\d\d)\b")


_FRAMING_RELATIVE = re.compile(r"[\"'`“‘]*(?:(Next|Last|This)\s+year(?:['’]s\b|,))")
_RELATIVE_YEAR = {"next": 1, "last": -1, "this": 0}


def framing_year(text: str, start: int, end: int, lex: Lexicon, this_year: int) -> int | None:
    """The year that frames a yearless date at text[start:end] (``this_year``: the publication date's), or None:

    - a sentence that opens "In 2020, ...", "Back in March 2016, ..." or a full date earlier in it ("opens on Feb. 9,
      2026, and selection begins on [Feb. 2]"), unless another year comes between, the full date is a life's date or
      a report's (lexicon frame_breakers) or stands in a relative clause, or a past year would frame what the tense
      cues put ahead ("The law, signed in 2019, takes effect on [July 1]");
    - a sentence that opens "Next year's summit ...", "Last year, ...", "This year, ..." (that year; not against the
      tense: "Last year's champion will defend her title in [June]")."""
    left = _left_window(text, start, lex)
    stated = _stated_frame(left, lex)
    if stated is not None:
        cue = evidence(text, start, end, lex) if stated < this_year else None
        if cue is None or cue[0] != 1 or cue[2] == "phrase":
            return stated
    m = _FRAMING_RELATIVE.match(left)
    if m is None or _YEAR.search(left, m.end()):
        return None
    shift = _RELATIVE_YEAR[m.group(1).lower()]
    direction = evidence(text, start, start, lex)[0] if shift else None
    if direction is not None and direction != shift:
        return None  # the frame names a person, not the time
    return this_year + shift


def _stated_frame(left: str, lex: Lexicon) -> int | None:
    """The year an opening "In 2020," or the last full date of the sentence so far (``left``) states."""
    m = _FRAMING_YEAR.match(left)
    if m is not None:
        return None if _YEAR.search(left, m.end()) else int(m.group(1))
    dates = list(_FULL_DATE.finditer(left))
    if not dates or _YEAR.search(left, dates[-1].end()):
        return None
    last = dates[-1]
    around = _words(left[max(0, last.start() - 20) : last.start()])[-2:] + _words(left[last.end() :])
    if any(w.lower() in lex.word_set("frame_breakers") for w in around):
        return None  # "born on May 5, 1950, ... said on [March 3]"
    if _ASIDE.search(left, 0, last.start()):
        return None  # "The company, which was founded on May 5, 2001, will hold its meeting on [June 3]"
    return int(last.group(1))


_YEAR_AFTER = re.compile(r"\s+(?:of|in)\s+((?:1[6-9]|2[01])\d\d)\b")


def holiday_year(text: str, start: int, end: int, lex: Lexicon) -> int | None:
    """The year stated for a holiday in its own sentence: "in 2016" right after it, else the last year before it in
    the sentence ("The last strike, in November 2016, shut down service on [Election Day] eve"); a holiday recurs
    every year, so the sentence's year is its year."""
    m = _YEAR_AFTER.match(text, end)
    if m is not None:
        return int(m.group(1))
    years = _YEAR.findall(_left_window(text, start, lex, _SENTENCE_CHARS))
    return int(years[-1]) if years else None


def sentence_words(text: str, start: int, end: int, lex: Lexicon) -> tuple[list[str], list[str]]:
    """The words of the sentence before `start` and after `end` (windows of a few dozen characters)."""
    return _words(_left_window(text, start, lex)), _words(_right_window(text, end, lex))


def same_sentence(text: str, a: int, b: int, lex: Lexicon) -> bool:
    """Is there no sentence end between offsets a and b (a <= b)?"""
    window = text[a:b]
    return not any(_is_sentence_end(window, m, lex) for m in _SENTENCE_END.finditer(window))


def sentence_ends(text: str, a: int, b: int, lex: Lexicon) -> int:
    """How many sentence ends lie between offsets a and b (a <= b)?"""
    window = text[a:b]
    return sum(1 for m in _SENTENCE_END.finditer(window) if _is_sentence_end(window, m, lex))
