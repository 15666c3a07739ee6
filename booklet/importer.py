"""Import comments: a pasted web page, a chat, a spreadsheet, a CSV file or a JSON export in;
a comments YAML out.

Names and text are kept exactly as they were (only the indentation of a pasted page is
taken away, and YouTube's textDisplay, which is HTML, is read as the text it shows).
Whatever could not be read is reported, never dropped in silence.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .errors import BookletError, Problem, printable
from .yamlfile import read_text

# a column's name, in lower case without spaces or punctuation ('Comment Text', 'author_name',
# YouTube's 'authorDisplayName'), and what it holds
NAMES = {"name": ("name", "author", "authorname", "authordisplayname", "displayname", "user", "username",
                  "from", "who", "commenter"),
         "text": ("text", "comment", "commenttext", "message", "body", "content", "textoriginal",
                  "textdisplay", "tribute"),
         "date": ("date", "time", "posted", "created", "timestamp", "publishedat", "createdat", "completiontime",
                  "submittedat", "submissiontime"),
         "source": ("source", "url", "link", "site"),
         "id": ("id", "commentid")}
MAX_NAME = 50
_BULLET = re.compile(r"^\s*[•●▪◦‣]\s+(\S.*?)\s*$")   # a copied list bullet, then the name


@dataclass
class Imported:
    comments: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # what could not be read, and where
    notes: list[str] = field(default_factory=list)       # how a file's columns were read

    def add(self, line: int, name: str, text: str, cut: str = "", empty: str = "") -> None:
        """A comment read from a pasted page at `line`, or why it is not one. `cut`: the
        page's button for the rest of it ('Read more'), when it was copied cut short;
        `empty`: why a comment may seem to have no text."""
        if len(name) > MAX_NAME:
            self.skipped.append(f"line {line}: '{printable(name, 50)}' is too long for a name; "
                                "it looks like part of the page, not a comment")
        elif not text:
            self.skipped.append(f"line {line}: '{printable(name)}' has no comment text{empty}")
        else:
            self.comments.append({"name": name, "text": text})
            if cut:
                self.notes.append(f"line {line}: the comment by '{printable(name)}' was copied cut short "
                                  f"('{cut}'): click '{cut}' on the page before copying to get all of it")

    def drop_duplicates(self) -> None:
        seen, kept = set(), []
        for c in self.comments:
            key = (c["name"], c["text"])
            if key in seen:
                self.skipped.append(f"{c['name']}: an exact repeat, left out (--drop-duplicates)")
            else:
                seen.add(key)
                kept.append(c)
        self.comments = kept


def import_comments(source: Path) -> Imported:
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods"):
        return from_sheet(source)
    if suffix == ".xls":
        raise BookletError(Problem("an Excel 97-2003 workbook (.xls) cannot be read", file=source,
                                   hint="open it in Excel and save it as an Excel workbook (.xlsx), or as CSV"))
    said: list[str] = []          # a CSV file from Excel on Windows is Windows-1252
    text = read_text(source, limit=50_000_000, what="comments file", windows=said)
    if suffix in (".csv", ".tsv") or _a_table(text):
        imported = from_csv(text, source)
    elif suffix == ".json":
        imported = from_json(text, source)
    elif suffix in (".html", ".htm", ".xhtml") or _HTML_PAGE.match(text):
        imported = from_page(page_text(text))
        imported.notes.insert(0, "read as a web page saved from a browser: its words, as copying the page gives them")
    else:
        imported = from_page(text)
    imported.notes[:0] = said
    return imported


# YouTube's comments as copied from the page: '@name' (or a name) on a line, when it was
# written on the next ('3 years ago', '2 days ago (edited)') or on the same line, the
# comment, then its likes ('1.2K'), 'Reply', '12 replies' and the like
_AGO = re.compile(r"^(?:\d+ (?:second|minute|hour|day|week|month|year)s? ago|vor \d+ \w+|il y a \d+ \w+|"
                  r"hace \d+ \w+)(?: \((?:edited|bearbeitet|modifié|editado)\))?$", re.IGNORECASE)
_AGO_AFTER = re.compile(r"^(@\S+)\s+(\d+ \w+ ago(?: \(edited\))?)$", re.IGNORECASE)
_ABOUT = re.compile(r"^(?:\d+(?:[.,]\d+)?[KkMm]?|Reply|\d+ repl(?:y|ies)|Read more|Show less|Translate to \w+|"
                    r"Pinned by .*|❤ by .*|·)$")


def from_page(text: str) -> Imported:
    """A page as copied from a browser: each comment is a bullet and a name on one line,
    then the comment on the lines below it (blank lines separate its paragraphs); or, with
    no bullets, YouTube's comments as copied from the video's page (from_youtube), a blog's
    (from_blog), Facebook's or Instagram's (from_social)."""
    page = text.splitlines()
    if not any(_BULLET.match(line) for line in page):
        starts = _youtube_starts(page)
        if starts:
            return from_youtube(page, starts)
        if _says(page) or _dated(page):
            return from_blog(page)
        if _social(page):
            return from_social(page)
    if _whatsapp(page):
        return from_whatsapp(page)
    out = Imported()
    name, lines, start = None, [], 0
    before = 0

    def flush():
        if name is not None:
            out.add(start, name, _paragraphs(lines))

    for number, line in enumerate(page, 1):
        m = _BULLET.match(line)
        if m:
            flush()
            name, lines, start = m.group(1), [], number
        elif name is not None:
            lines.append(line)
        elif line.strip():
            before += 1
    flush()
    if before:
        out.skipped.insert(0, f"{before} lines before the first comment (a bullet and a name) were not comments"
                           if before > 1 else "1 line before the first comment (a bullet and a name) was not a comment")
    return out


def _youtube_starts(lines: list[str]) -> dict[int, tuple[str, int]]:
    """Where YouTube's comments begin: line -> (the writer's name, the first line of the
    comment); a name (or @handle) with when it was written on its line or the next."""
    starts = {}
    for n, line in enumerate(lines):
        line = line.strip()
        if (m := _AGO_AFTER.match(line)):
            starts[n] = (m.group(1), n + 1)
        elif _AGO.match(line) and n and lines[n - 1].strip() and n - 1 not in starts:
            starts[n - 1] = (lines[n - 1].strip(), n + 1)
    return starts


def from_youtube(lines: list[str], starts: dict[int, tuple[str, int]]) -> Imported:
    """YouTube's comments copied from the page (`starts`: _youtube_starts's): a comment
    begins with its writer's name and when it was written (left out: '3 years ago' means
    nothing on paper), and ends before its likes and 'Reply'. Lines before the first are
    counted as not comments."""
    out = Imported()
    ordered = sorted(starts)
    before = sum(1 for line in lines[:ordered[0]] if line.strip())
    for k, start in enumerate(ordered):
        name, first = starts[start]
        body = [line.strip() for line in lines[first:ordered[k + 1] if k + 1 < len(ordered) else len(lines)]]
        taken = []
        while body and (not body[-1] or _ABOUT.match(body[-1])):
            taken.append(body.pop())    # its likes, 'Reply', '12 replies', blank lines
        # a comment is never empty: one that seems so was a number ('100'), taken for its likes
        text = _paragraphs(body) or next((line for line in reversed(taken) if line[:1].isdigit()), "")
        out.add(start + 1, name, text, cut="Read more" if "Read more" in taken else "")
    if before:
        out.skipped.insert(0, f"{before} lines before the first comment were not comments" if before > 1
                           else "1 line before the first comment was not a comment")
    return out


# A blog's comments as copied from the page (WordPress's, Blogger's, a newspaper's): each
# comment is its writer's name ('Ann says:', 'Ann said...', or the name alone), the date
# it was written on a line of its own ('March 3, 2022 at 4:15 pm', '3 March 2022',
# '2022-03-03 14:15') above or below its text, and the page's 'Reply', which are left out
_SAYS = re.compile(r"^\s*(\S.{0,49}?)\s+(?:says|said|wrote)(?:\.{3}|…)?:?\s*$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
_DATED = re.compile(rf"^\s*(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
                    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
                    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
                    rf"(?:,?\s+(?:at\s+)?{_CLOCK})?\s*(?:\(edited\))?$", re.IGNORECASE)
_BLOG_WORDS = re.compile(r"^\s*(?:reply|log in to reply|report|permalink|edit|delete|like|\d+ likes?|"
                         r"reply to [^\n]{1,50}|\| *reply|#?\d+)\s*$", re.IGNORECASE)


def _says(lines: list[str]) -> bool:
    """Whether a page's comments begin 'Ann says:': two such lines, or one with a date under it
    (a comment's own 'and then Dad said:' is not taken for one)."""
    says = [n for n, line in enumerate(lines) if _SAYS.match(line)]
    return len(says) >= 2 or any(_DATED.match(next((x for x in lines[n + 1:] if x.strip()), "")) for n in says)


def _dated(lines: list[str]) -> bool:
    """Whether a page's comments are dated as a blog's are: two dates with their year or
    more on lines of their own, and none of Facebook's '2w' or '3 d'."""
    return (sum(1 for line in lines if _DATED.match(line)) >= 2
            and not any(_SHORT_WHEN.fullmatch(part.strip()) for line in lines for part in line.split("·")))


def from_blog(lines: list[str]) -> Imported:
    """A blog's comments as copied from the page: each begins at its writer's 'Ann says:'
    (or, where the page has none, at the name above each date), its date and the page's
    'Reply' left out. Lines before the first comment are counted as not comments."""
    out = Imported(notes=["read as a blog's comments: a name on a line, when it was written, the comment; "
                          "the dates and the page's 'Reply' left out"])
    if _says(lines):
        names = {n: said.group(1) for n, line in enumerate(lines) if (said := _SAYS.match(line))}
        starts = list(names)
    else:
        starts, names = _dated_starts(lines)
    before = sum(1 for line in lines[:starts[0]] if line.strip()) if starts else 0
    ends = [starts[k + 1] if k + 1 < len(starts) else len(lines) for k in range(len(starts))]
    after = 0
    if len(starts) > 1 and all(_REPLY.match(_last_words(lines[a:b])) for a, b in zip(starts[:-1], ends[:-1])):
        # every comment ends with the page's 'Reply': what follows the last one's is the
        # page's foot ('© 2022 Blog', 'Leave a comment'), not the last comment's words
        reply = next((n for n in range(starts[-1] + 1, ends[-1]) if _REPLY.match(lines[n])), None)
        if reply is not None:
            after = sum(1 for line in lines[reply + 1:] if line.strip())
            ends[-1] = reply
    for start, end in zip(starts, ends):
        body = [line for line in lines[start + 1:end] if not (_DATED.match(line) or _BLOG_WORDS.match(line))]
        out.add(start + 1, names[start], _paragraphs(body))
    if before:
        out.skipped.insert(0, f"{before} lines before the first comment were not comments" if before > 1
                           else "1 line before the first comment was not a comment")
    if after:
        out.skipped.append(f"{after} lines after the last comment's 'Reply' were not comments" if after > 1
                           else "1 line after the last comment's 'Reply' was not a comment")
    return out


_REPLY = re.compile(r"^\s*(?:reply|log in to reply)\s*$", re.IGNORECASE)


def _last_words(lines: list[str]) -> str:
    """The last line with words of these."""
    return next((line for line in reversed(lines) if line.strip()), "")


def _dated_starts(lines: list[str]) -> tuple[list[int], dict[int, str]]:
    """Where a blog's comments begin when the page names no one with 'says:': the name is
    the line above each date ('Ann', 'March 3, 2022', the comment), or, where the page puts
    the date under the comment ('Ann', the comment, 'March 3, 2022': nothing but the page's
    words after the last date), the first line after the date before."""
    def words(m: int) -> bool:
        return bool(lines[m].strip()) and not _BLOG_WORDS.match(lines[m]) and not _DATED.match(lines[m])

    dates = [n for n, line in enumerate(lines) if _DATED.match(line)]
    if any(words(m) for m in range(dates[-1] + 1, len(lines))):
        # words after the last date: the name is right above its date (name, date, comment)
        starts = [m for m in (next((m for m in range(n - 1, -1, -1) if words(m)), None) for n in dates)
                  if m is not None]
    else:                               # the date closes each comment: name, comment, date
        after = [next((m for m in range(n + 1, len(lines)) if words(m)), None) for n in dates[:-1]]
        starts = [m for m in [next((m for m in range(len(lines)) if words(m)), None)] + after if m is not None]
    starts = sorted(set(starts))
    return starts, {m: lines[m].strip() for m in starts}


# Facebook's and Instagram's comments as copied from the page: each is a name on a line,
# the comment below, then the page's own words, which are left out: when it was written
# ('2w', '3 d', 'Just now'), 'Like', 'Reply', 'Share' (or ' · Reply · 2w' on one line),
# its likes ('12', '5 likes'), 'Edited', the writer's badge ('Top fan', 'Author') and the
# page's buttons ('View all 3 replies', 'Write a comment…', 'Most relevant')
_SHORT_WHEN = re.compile(r"\d{1,3} ?(?:s|m|min|mins|h|hr|hrs|d|w|wk|wks|y|yr|yrs)|just now", re.IGNORECASE)
_WHEN = re.compile(_SHORT_WHEN.pattern + r"|yesterday(?: at .*)?|"
                   r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*(?: \d{4})?(?: at .*)?|"
                   r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2}(?:, \d{4})?(?: at .*)?",
                   re.IGNORECASE)
# a writer's badge, above or beside the name: passed over, without ending what it is in
_BADGE = re.compile(r"top fan|author|admin|moderator|rising fan|valued commenter|verified|follower|"
                    r"top contributor|group expert|conversation starter", re.IGNORECASE)
_BESIDE = re.compile(r"(?:\s*·\s*(?:follow|" + _BADGE.pattern + r"))+\s*$", re.IGNORECASE)    # 'Ann · Follow'
_PAGE_WORDS = re.compile(r"like|reply|share|comment|send|edited|see translation|see original|hide|follow|"
                         r"most relevant|"
                         r"newest|all comments|view (?:all )?\d+ (?:more )?(?:replies|reply|comments)|"
                         r"view (?:more|previous) (?:replies|comments)|view replies \(\d+\)|hide (?:all )?replies|"
                         r"\d+(?:[.,]\d+)?[km]?|\d+(?:[.,]\d+)?[km]? (?:likes?|comments?|shares?|repl(?:y|ies)|"
                         r"reactions?)|write a (?:public )?comment.*|comment as .*|\d+ of \d+|"
                         r"[\U0001F44D\u2764\U0001F622\U0001F62E\U0001F606\U0001F60D\U0001F970\U0001F620\ufe0f ]+ ?\d+[km]?",
                         re.IGNORECASE)
_MORE = re.compile(r" ?see more$", re.IGNORECASE)


def _page_words(line: str) -> bool:
    """Whether a line is Facebook's or Instagram's own words, not a name or a comment."""
    parts = [p.strip() for p in line.split("·")]
    return any(parts) and all(not p or _WHEN.fullmatch(p) or _PAGE_WORDS.fullmatch(p) for p in parts)


def _social(lines: list[str]) -> bool:
    """Whether a page is Facebook's or Instagram's comments: a 'Reply' and a '2w' (or the
    like) on lines of their own, or ' · Reply · 2w' on one."""
    parts = {p.strip().lower() for line in lines if _page_words(line) for p in line.split("·")}
    return "reply" in parts and any(_WHEN.fullmatch(p) for p in parts)


# the bar under the post itself, before any comment's 'Reply': 'Like', 'Comment', 'Share',
# '2.3K comments', '845 shares', 'All reactions:'
_POST_BAR = re.compile(r"comment|share|\d+(?:[.,]\d+)?[km]? (?:comments?|shares?)|all reactions:?", re.IGNORECASE)


def _post_end(lines: list[str]) -> int:
    """How many lines the post itself takes, when it was copied with its comments (its
    writer, when, its words, then its own bar: _POST_BAR), or 0."""
    def page(line: str) -> bool:        # the page's own words, the post's bar's among them
        return _page_words(line) or bool(_POST_BAR.fullmatch(line.strip()))

    bar = False
    for n, line in enumerate(lines):
        parts = {p.strip().lower() for p in line.split("·")}
        if "reply" in parts:
            break                           # a comment's: no post above it
        if not bar:
            bar = n > 0 and page(line) and any(_POST_BAR.fullmatch(p) for p in parts)
        elif line.strip() and not page(line):
            return n
    return 0


def from_social(lines: list[str]) -> Imported:
    """Facebook's or Instagram's comments as copied from the page (_page_words): the lines
    between the page's own words are a comment, its first line the writer's name. The post
    itself, when it was copied too, is not a comment (_post_end)."""
    out = Imported(notes=["read as comments copied from Facebook or Instagram: a name on a line, the comment "
                          "below it; the page's 'Like', 'Reply', times and likes left out"])
    post = _post_end(lines)
    if post:
        writer = next((_BESIDE.sub("", line).strip() for line in lines if line.strip()), "")
        out.notes.append(f"lines 1-{post}: the post itself (by '{printable(writer, 50)}') is not one of its "
                         "comments, and is not imported")
    blocks, current = [], []
    for number, line in enumerate(lines, 1):
        if number <= post:
            continue
        if _BADGE.fullmatch(line.strip()):
            continue
        if _page_words(line):
            if any(text.strip() for _, text in current):
                blocks.append(current)
            current = []
        else:
            current.append((number, line))
    if any(text.strip() for _, text in current):
        blocks.append(current)
    for block in blocks:
        while not block[0][1].strip():
            block.pop(0)
        (start, name), body = block[0], [text for _, text in block[1:]]
        name = _BESIDE.sub("", name).strip()
        cut = bool(body) and bool(_MORE.search(body[-1].strip()))
        if cut:
            body[-1] = _MORE.sub("", body[-1].rstrip())
        out.add(start, name, _paragraphs(body), cut="See more" if cut else "", empty=" (a sticker or a photo?)")
    return out


# a chat exported from WhatsApp ('Export chat', without media): each message on a line
# that begins with when it was sent, Android's '12/03/2022, 14:25 - Ann: ...' or an
# iPhone's '[12/03/2022, 14:25:03] Ann: ...' (with a left-to-right mark before some);
# the lines after it, up to the next such line, are the same message
# direction marks WhatsApp puts around a line, a sender's name or a phone number in a chat
# in Hebrew or Arabic ('\u200f27.11.2026, 10:15 - \u200fדנה\u200f: ...', '\u202a+972 50...\u202c'):
# the line was not read as a message, and the names kept the invisible marks
_WHATSAPP_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SENT = re.compile(r"^\u200e?\[?(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),? (\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
                   r"(?:[\s\u202f]?[APap]\.?[Mm]\.?)?)(?:\] | - )(.*)$")
# WhatsApp's notes in place of what the export left out; in another language a note in angle
# brackets alone ('<Medien weggelassen>', '<המדיה הושמטה>') was imported as a comment
_NOT_WORDS = re.compile(r"[\u200e\u200f]?(?:<media omitted>|(?:image|video|audio|sticker|gif|document|contact card) "
                        r"omitted|this message was deleted|you deleted this message|null|<attached: .*>|"
                        r".*\(file attached\)|<[^<>\n]{2,40}>)", re.IGNORECASE)
_EDITED = re.compile(r"\s*\u200e?<this message was edited>$", re.IGNORECASE)


def _whatsapp(lines: list[str]) -> bool:
    """Whether a text is a chat exported from WhatsApp: it begins with a message's time."""
    first = next((line for line in lines if line.strip()), "")
    return bool(_sent(first)) and sum(1 for line in lines[:50] if _sent(line)) >= 2


def _sent(line: str):
    """A message's first line in an exported chat: its date, time and the rest."""
    return _SENT.match(line.lstrip("\ufeff" + _WHATSAPP_MARKS))


def from_whatsapp(lines: list[str]) -> Imported:
    """A WhatsApp chat, exported: each message a comment, by its sender, dated by its day
    (the minute it was sent means nothing on paper). WhatsApp's own lines (who joined, the
    encryption notice), photos and stickers left out of the export, and deleted messages
    are counted, not imported."""
    out = Imported(notes=["read as a chat exported from WhatsApp: each message is a comment, dated by its day"])
    messages = []           # (line, date, sender, lines of text)
    own = 0
    for number, line in enumerate(lines, 1):
        m = _sent(line)
        if m is None:
            if messages:
                messages[-1][3].append(line)
            continue
        date, rest = m.group(1), m.group(3)
        sender, colon, text = rest.partition(": ")
        if not colon or text.startswith("\u200e") and not text.strip("\u200e").strip():
            own += 1        # 'Ann added Bob', 'Messages and calls are end-to-end encrypted'
            messages.append((number, date, None, []))
            continue
        messages.append((number, date, sender.strip(_WHATSAPP_MARKS).strip(), [text]))
    media = 0
    for number, date, sender, body in messages:
        if sender is None:
            continue
        body[-1] = _EDITED.sub("", body[-1])
        text = _paragraphs(body)
        if _NOT_WORDS.fullmatch(text.strip()):
            media += 1
        elif text.startswith("\u200e") and not body[1:]:
            own += 1        # (an iPhone's notice, in the group's own name: 'Messages and calls are...')
        elif len(sender) > MAX_NAME or not sender:
            out.skipped.append(f"line {number}: '{printable(sender, 50)}' is too long for a name" if sender
                               else f"line {number}: a message with no sender's name")
        elif text:
            out.comments.append({"name": sender, "text": text, "date": date})
        else:
            out.skipped.append(f"line {number}: '{printable(sender)}' has no message text")
    if media:
        out.skipped.append(f"{media} message{'s' if media > 1 else ''} of a photo, a sticker or another file, or "
                           "deleted, with no words to print")
    if own:
        out.skipped.append(f"{own} line{'s' if own > 1 else ''} of WhatsApp's own (who joined or left, the "
                           "encryption notice)")
    short = [c["text"] for c in out.comments if len(c["text"].split()) < CHAT_WORDS]
    if len(short) >= 5:       # a chat's 'ok', 'Thanks x', '👍': imported, as everything written is
        out.notes.append(f"{len(short)} of the messages are shorter than {CHAT_WORDS} words (such as "
                         f"'{printable(short[0], 30)}'): to leave them out of the booklet, write "
                         f"'select: {{min_words: {CHAT_WORDS}}}' under the comments section in booklet.yaml")
    return out


CHAT_WORDS = 3          # a chat's messages shorter than this are its small talk, most of them


def _paragraphs(lines: list[str]) -> str:
    """The comment's own text: indentation and outer blank lines gone, paragraphs kept."""
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


# a word inside a column's name, when no column has one of NAMES': a form's columns are
# named by its questions ('Your name', 'A message for the family', 'Timestamp')
WITHIN = {"name": ("name",), "text": ("message", "comment", "tribute", "memory", "memories", "words", "text"),
          "date": ("timestamp", "date"), "source": (), "id": ()}


def _squeezed(column: str) -> str:
    """A column's name in lower case without spaces or punctuation, as NAMES has them."""
    return re.sub(r"[\W_]+", "", column.lower())


def _column(keys, wanted: str) -> str | None:
    lowered = {_squeezed(k): k for k in keys if isinstance(k, str)}
    exact = next((lowered[n] for n in NAMES[wanted] if n in lowered), None)
    if exact is not None:
        return exact
    taken = {_column(keys, "name")} if wanted != "name" else set()      # ('Name of the commenter')
    return next((k for word in WITHIN[wanted] for low, k in lowered.items() if word in low and k not in taken), None)


def _columns(keys) -> dict[str, str]:
    """Each part of a comment, and the column (or key) it is read from."""
    return {part: key for part in NAMES if (key := _column(keys, part)) is not None}


def _record(row: dict, where: str, out: Imported, columns: dict[str, str] | None = None) -> None:
    """One comment from a row; `columns`, a CSV file's (the same for every row), else the
    row's own keys are read (a JSON object's)."""
    columns = _columns(row) if columns is None else columns
    name_key, text_key = columns.get("name"), columns.get("text")
    if text_key is None or name_key is None:
        out.skipped.append(f"{where}: no name or no text")
        return
    nested = [key for key in (name_key, text_key) if isinstance(row[key], (dict, list))]
    if nested:        # (printed, it was Python's "{'name': 'Ann'}")
        out.skipped.append(f"{where}: its '{printable(nested[0])}' is a list or an object, not text")
        return

    def value(key) -> str:
        v = row.get(key)
        return "" if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)

    text = value(text_key).replace("\r\n", "\n").replace("\r", "\n")     # (a cell's lines, as Excel ends them)
    extra = [str(cell) for cell in row.get(None) or [] if cell is not None and str(cell).strip()]
    if extra:       # (a row with more cells than the first row names, kept under None)
        out.notes.append(f"{where}: {len(extra)} more cell{'s' * (len(extra) > 1)} than the first row names "
                         f"({', '.join(repr(printable(c, 30)) for c in extra)}), left out (in a CSV file, a comma "
                         f"or semicolon in a comment splits it unless the comment is in quotes); check the "
                         f"comment by '{printable(value(name_key), 40)}'")
    if _squeezed(text_key) == "textdisplay" and re.search(r"[<&]", text):
        text = _from_html(text)
        said = f"read '{printable(text_key, 40)}' as YouTube writes it, as HTML: its &#39; and <br> are " \
               "the characters and line breaks they stand for"
        if said not in out.notes:
            out.notes.append(said)
    if not text.strip():
        out.skipped.append(f"{where}: '{printable(value(name_key))}' has no comment text")
        return
    comment = {"name": value(name_key), "text": text}
    for extra in ("date", "source", "id"):
        key = columns.get(extra)
        if key and value(key).strip():
            comment[extra] = value(key)
    out.comments.append(comment)


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _from_html(text: str) -> str:
    """YouTube's textDisplay as the words it shows: '<br>' a line break, a link its text,
    '&#39;' an apostrophe (it was printed as typed: 'I&#39;m')."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))


_HTML_PAGE = re.compile(r"\ufeff?\s*(?:<!doctype html|<html\b)", re.IGNORECASE)
# the elements whose content a browser does not show, and those it sets on lines of their own
_HIDDEN = {"head", "script", "style", "noscript", "template", "svg", "math", "button", "select", "textarea", "iframe"}
_BLOCKS = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
           "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
           "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}


class _PageText(HTMLParser):
    """A web page's words as a browser shows them, a line for each block (a paragraph, a
    list item, a cell), spaces run together; what it does not show (scripts, styles) left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.words, self.hidden = [], [], 0

    def end_line(self, blank: bool = False) -> None:
        line = " ".join("".join(self.words).split())
        if line or (blank and self.lines and self.lines[-1]):
            self.lines.append(line)
        self.words = []

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.end_line(blank=tag == "p")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.end_line()

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.end_line(blank=tag == "p")

    def handle_data(self, data):
        if not self.hidden:
            self.words.append(data)


def page_text(page: str) -> str:
    """A web page saved from a browser (.html) as the text copying it from the browser gives."""
    reader = _PageText()
    reader.feed(page)
    reader.close()
    reader.end_line()
    return "\n".join(reader.lines)


def _a_table(text: str) -> bool:
    """Whether a text file is a table whose columns are split by tabs, with a name and a
    comment column: what Excel saves as 'Unicode Text' (.txt), not a page pasted."""
    fields = text.split("\n", 1)[0].rstrip("\r").split("\t")
    return len(fields) > 1 and bool(_column(fields, "name")) and bool(_column(fields, "text"))


def from_csv(text: str, source: Path) -> Imported:
    try:
        # a spreadsheet saved as CSV where the decimal point is a comma (most of Europe)
        # separates its columns with ';', and some programs with tabs
        first = text.split("\n", 1)[0]
        delimiter = next((d for d in (",", ";", "\t", "|") if len(fields := next(csv.reader([first], delimiter=d)))
                          > 1 and _column(fields, "name") and _column(fields, "text")), ",")
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        return from_table(reader.fieldnames, ((f"line {reader.line_num}", row) for row in reader), source)
    except csv.Error as e:
        raise BookletError(Problem(f"is not a readable CSV file: {e}", file=source)) from None


def from_sheet(source: Path) -> Imported:
    """A spreadsheet's first sheet (.xlsx, .ods): its first row names the columns."""
    from .sheets import rows

    table = rows(source)
    if not table:
        raise BookletError(Problem("the first sheet is empty", file=source,
                                   hint="put the comments in the first sheet, a column for names and one for text"))
    (_, header), body = table[0], table[1:]

    def row(cells: list) -> dict:      # (cells past the named columns kept under None, as csv keeps them)
        return {**dict(zip(header, cells + [""] * (len(header) - len(cells)))), None: cells[len(header):]}

    return from_table(header, ((f"row {n}", row(cells)) for n, cells in body), source)


PLACEHOLDERS = {"", "anonymous", "anonym", "anonyme", "anónimo", "anonimo", "anoniem", "anônimo", "n/a", "-"}


def _no_names(key: str, rows) -> set[str] | None:
    """The placeholders a column holds if it holds nothing but ('anonymous'), else None."""
    values = {(row.get(key) or "").strip() for _, row in rows}
    return {v for v in values if v} if all(v.lower() in PLACEHOLDERS for v in values) else None


def from_table(header: list[str] | None, rows, source: Path) -> Imported:
    """Comments from a table whose first row names its columns; `rows`: (where, {column: value})."""
    out = Imported()
    if not header or not _column(header, "name") or not _column(header, "text"):
        raise BookletError(Problem(
            f"the first row should name the columns; found {', '.join(printable(h, 40) for h in header or []) or 'nothing'}",
            file=source, line=1, hint="call the columns name and text (and date, source, id if you have them)"))
    columns, rows = _columns(header), list(rows)
    empty = _no_names(columns["name"], rows)
    asked = next((k for k in header if isinstance(k, str) and k != columns["name"] and "name" in _squeezed(k)
                  and not _no_names(k, rows)), None) if empty else None
    if asked:      # (Microsoft Forms: 'Name' is 'anonymous' when a form does not ask who answers)
        out.notes.append(f"the column '{printable(columns['name'], 40)}' holds no names (only "
                         f"{', '.join(repr(v) for v in sorted(empty)) or 'empty cells'})")
        columns["name"] = asked
    read = {key: part for part, key in columns.items()}        # {'Your name': 'name'}
    unused = [k for k in header if k not in read and isinstance(k, str) and k.strip()]
    if any(_squeezed(key) != part for key, part in read.items()):
        out.notes.append("read the column " + ", ".join(f"'{printable(k, 40)}' as {v}" for k, v in read.items()))
    if unused:
        out.notes.append(f"left out the column{'s' * (len(unused) > 1)} "
                         + ", ".join(f"'{printable(k, 40)}'" for k in unused))
    for where, row in rows:
        _record(row, where, out, columns)
    return out


def from_json(text: str, source: Path) -> Imported:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BookletError(Problem(f"is not valid JSON: {e.msg}", file=source, line=e.lineno)) from None
    except RecursionError:
        raise BookletError(Problem("is not a list of comments: its lists or objects are nested thousands deep",
                                   file=source)) from None
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list):
        raise BookletError(Problem("expected a list of comments (objects with name and text)", file=source))
    out = Imported()
    for i, row in enumerate(data, 1):
        if isinstance(row, dict):
            _record(row, f"entry {i}", out)
        else:
            out.skipped.append(f"entry {i}: not an object with name and text")
    return out


class _Dumper(yaml.SafeDumper):
    pass


# Direction overrides and isolates: written raw, one turns the line around in an editor or
# a terminal, and hides what follows it. PyYAML writes them raw; to_yaml() writes them as
# escapes, which read back as the same characters, inside double quotes.
_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _text(dumper, data: str):
    style = '"' if _OVERRIDES.search(data) else "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)


def to_yaml(imported: Imported, source: Path) -> str:
    name = source.name.encode("unicode_escape").decode("ascii") if not source.name.isprintable() else source.name
    header = (f"# Comments imported from {name} by booklet import-comments, exactly as written.\n"
              "# Choose which to print with 'select' in booklet.yaml.\n")
    body = yaml.dump(imported.comments, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return _OVERRIDES.sub(lambda m: f"\\u{ord(m.group()):04X}", header + body)
