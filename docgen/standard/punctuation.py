"""Punctuation classes for breaking lines: GB/T 15834-2011 §5.1 (referenced by GB/T 9704
§9) and W3C clreq §3.1.7 "行首行尾禁则", at clreq's *basic* level."""

from __future__ import annotations

# GB/T 15834 §5.1.2–5.1.5, clreq basic: 点号 (、，。：；！？), closing quotes, brackets and
# 书名号, 连接号 (～) and 间隔号 (·) never start a line; the half-width forms likewise.
NO_LINE_START = frozenset("、，。．：；！？）］｝〕〗】》〉」』”’·～%‰℃" + ",.;:!?)]}")
# GB/T 15834 §5.1.4, clreq basic: opening quotes, brackets and 书名号 never end a line.
NO_LINE_END = frozenset("（［｛〔〖【《〈「『“‘" + "([{")
# GB/T 15834 §4.2.8 (破折号 ——) and §4.2.9 (省略号 ……): two ems, never split.
UNSPLIT = frozenset("—…")

# W3C clreq §3.1.7 leaves addresses to the Latin rules; docgen breaks a URL or an e-mail
# address after these characters (never before them, so a line never starts with one),
# as Chicago Manual of Style §6.76 and GB/T 7714's practice for long URLs do.  Word and
# LibreOffice break there only where the DOCX offers the break (a zero-width space).
ADDRESS_BREAK_AFTER = frozenset("/.-_@?&=#")

# Punctuation that may be set in half an em (标点挤压, W3C clreq §3.1.6 and JIS X 4051
# §4.2): at a line's end, or the first of two in a row.  Mainland fonts draw 点号 and
# closing brackets in the em's left half, so the empty right half is taken away.  Opening
# brackets (ink in the right half) are left whole: squeezing them would draw them over the
# mark before; ？！ stand centred in some fonts and are left whole too.
SQUEEZABLE = frozenset("、，。；：）］｝〕〗】》〉」』”’")
