"""Letter texts worked out once in a rush, and not kept in memory for long (they can hold a writer's own
paragraph)."""

from advocacy import memo


def test_a_text_is_worked_out_once_and_forgotten_within_the_hour(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    calls: list[str] = []

    @memo.text_memo(seconds=memo.HOUR)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("my own words") == shout("my own words") == "MY OWN WORDS"
    assert calls == ["my own words"]  # once, while it is remembered
    now[0] += memo.HOUR
    assert shout("another letter") == "ANOTHER LETTER"  # the first use after the hour empties the memo
    assert shout.cache_info().currsize == 1
    assert shout("my own words") == "MY OWN WORDS" and calls.count("my own words") == 2


def test_letter_bodies_and_fingerprints_are_forgotten_within_the_hour(monkeypatch):
    from advocacy.documents.html import body_html
    from advocacy.similarity.fingerprint import fingerprint

    now = [10.0 ** 9]  # far past any time the memos were last emptied
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    personal = "As a foster carer I have watched children wait months for a social worker to visit them."
    body_html(personal)
    fingerprint(personal, b"k" * 32)
    now[0] += memo.HOUR
    body_html("Another letter, with nothing of anyone's own.")
    fingerprint("Another letter, with nothing of anyone's own.", b"k" * 32)
    assert body_html.cache_info().currsize == 1 and fingerprint.cache_info().currsize == 1
