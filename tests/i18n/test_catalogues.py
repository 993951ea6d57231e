"""Every catalogue translates every message of the template catalogue, keeping its slots, its markup and the
language's number of plural forms; and the template catalogue holds every message the code and templates use."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sitegen.i18n import LOCALES, languages, slot_names

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [language for language in languages() if language != "en"]
TAG = re.compile(r"</?[a-z]+[^>]*>")
REQUIRED = ("en", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "sv", "da", "nb", "fi", "cs", "tr", "ja", "ko",
            "zh-Hans", "uk", "ar", "he")


def _catalog(path: Path):
    with open(path, "rb") as file:
        return read_po(file)


def _template():
    return _catalog(LOCALES / "sitegen.pot")


def _po(language: str):
    return _catalog(LOCALES / language.replace("-", "_") / "LC_MESSAGES" / "sitegen.po")


def test_the_twenty_languages_are_supported():
    assert set(REQUIRED) <= set(languages())


def test_the_template_catalogue_is_what_extraction_finds_today(tmp_path):
    """A message added to the code or a template without re-extracting fails here, not in a user's build."""
    fresh = tmp_path / "sitegen.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_",
                    "-k", "markup", "--no-location", "--sort-output", "--omit-header", "-o", str(fresh), "."],
                   cwd=ROOT, check=True, capture_output=True)
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(fresh) if m.id} == \
        {m.id if isinstance(m.id, str) else m.id[0] for m in _template() if m.id}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_slots_and_markup(language):
    template = {m.id: m for m in _template() if m.id}
    catalogue = {m.id: m for m in _po(language) if m.id}
    key = lambda m: m if isinstance(m, str) else m[0]  # noqa: E731
    assert sorted(map(key, template)) == sorted(map(key, catalogue)), "run pybabel update, then translate"
    number_of_forms = _po(language).num_plurals
    problems = []
    for message_id, message in catalogue.items():
        if message.fuzzy:
            problems.append(f"fuzzy: {message_id!r}")
        sources = [message_id] if isinstance(message_id, str) else list(message_id)
        texts = [message.string] if isinstance(message_id, str) else list(message.string)
        if isinstance(message_id, tuple) and len(texts) != number_of_forms:
            problems.append(f"{len(texts)} plural forms, {language} has {number_of_forms}: {message_id[0]!r}")
        for text in texts:
            if not text or not text.strip():
                problems.append(f"untranslated: {key(message_id)!r}")
                continue
            if set(slot_names(text)) - set(slot_names(" ".join(sources))):
                problems.append(f"unknown slot in {text!r}")
            if isinstance(message_id, str) and set(slot_names(text)) != set(slot_names(message_id)):
                problems.append(f"slots differ: {message_id!r} -> {text!r}")
            if sorted(TAG.findall(text)) != sorted(TAG.findall(sources[-1])):
                problems.append(f"markup differs: {sources[-1]!r} -> {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_messages_keep_the_count_in_every_form_that_needs_it(language):
    """A form that drops %(count)s is only right where the language's form holds one number (`one` in many)."""
    for message in _po(language):
        if not isinstance(message.id, tuple) or "%(count)s" not in message.id[1]:
            continue
        for index, text in enumerate(message.string):
            numbers = {n for n in range(0, 200) if _form_index(language, n) == index}
            if len(numbers) > 1:
                assert "%(count)s" in text, f"{language} form {index} ({sorted(numbers)[:4]}…) of {message.id[1]!r}"


def _form_index(language: str, number: int) -> int:
    from sitegen.i18n import catalogue_translations

    translations = catalogue_translations(language)
    return translations.plural(number) if hasattr(translations, "plural") else int(number != 1)
