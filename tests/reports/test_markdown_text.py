"""Markdown of report text: every markup character escaped once, sentence changes as items."""

from crtdiff.reports.markdown_text import alignment_markdown, md
from crtdiff.schemas.diff import (
    ModifiedSentence,
    MovedSentence,
    RedlineOp,
    RedlinePart,
    SentenceAlignment,
    SentencePair,
    SentenceRef,
)


def test_every_markup_character_is_escaped_once() -> None:
    assert md("a\\b`c*d_e[f]g|h~i & <b>\n  x") == (
        "a\\\\b\\`c\\*d\\_e\\[f\\]g\\|h\\~i &amp; &lt;b&gt; x"
    )
    assert md(2016) == "2016"


def _ref(text: str, start: int) -> SentenceRef:
    return SentenceRef(text=text, start=start, end=start + len(text))


def test_a_sections_changes_are_list_items() -> None:
    kept = _ref("Kept.", 0)
    edit = ModifiedSentence(
        old=_ref("MUJAO attacked.", 10),
        new=_ref("JNIM attacked.", 10),
        similarity=0.7,
        redline=[
            RedlinePart(op=RedlineOp.DELETE, text="MUJAO"),
            RedlinePart(op=RedlineOp.INSERT, text="JNIM"),
            RedlinePart(op=RedlineOp.EQUAL, text=" attacked."),
        ],
        is_cosmetic=False,
    )
    cosmetic = edit.model_copy(update={"is_cosmetic": True})
    moved = MovedSentence(
        old=_ref("Moved_here.", 40),
        new=_ref("Moved_here.", 50),
        from_section="overview",
        to_section="legislation",
        is_modified=False,
    )
    alignment = SentenceAlignment(
        unchanged=[SentencePair(old=kept, new=kept)],
        modified=[edit, cosmetic],
        added=[_ref("New *one*.", 30)],
        removed=[_ref("Old one.", 20)],
        moved_in=[moved],
    )
    assert alignment_markdown(alignment) == (
        "_1 sentence unchanged (not shown)._\n\n"
        "- edited:  ~~MUJAO~~  **JNIM** attacked.\n"
        "- 1 cosmetic edit (punctuation, quotes, spacing or dates only).\n"
        "- added: New \\*one\\*.\n"
        "- removed: ~~Old one.~~\n"
        "- moved in from Overview: Moved\\_here.\n"
    )
