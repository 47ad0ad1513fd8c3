"""docs/schema.json: a valid schema, and every record lede writes for the
test corpora (pages, scraped text, crawl files, errors) validates against it.
The validator below covers the JSON Schema keywords the schema uses."""

import json
import os
import re
import subprocess
import tempfile
import unittest

from support import (AEB_DEV, DATA, EXAMPLES, HAND_PAGE, REPO, aeb_pages, lede, make_jsonl,
                     make_warc, tool)

SCHEMA_PATH = REPO / "docs" / "schema.json"

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class Validator:
    """A JSON Schema (2020-12) subset: type, enum, const, properties,
    required, additionalProperties, items, minimum, minLength, pattern,
    oneOf, anyOf, allOf, not and local $ref."""

    def __init__(self, schema):
        self.root = schema

    def _resolve(self, ref):
        if not ref.startswith("#/"):
            raise ValueError(f"only local references: {ref}")
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def errors(self, value, schema=None, path="$"):
        schema = self.root if schema is None else schema
        out = []
        if "$ref" in schema:
            out += self.errors(value, self._resolve(schema["$ref"]), path)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_TYPES[t](value) for t in types):
                return out + [f"{path}: {value!r:.60} is not of type {types}"]
        if "enum" in schema and value not in schema["enum"]:
            out.append(f"{path}: {value!r:.60} not in {schema['enum']}")
        if "const" in schema and value != schema["const"]:
            out.append(f"{path}: {value!r:.60} is not {schema['const']!r}")
        if isinstance(value, str):
            if len(value) < schema.get("minLength", 0):
                out.append(f"{path}: shorter than {schema['minLength']}")
            if "pattern" in schema and not re.search(schema["pattern"], value):
                out.append(f"{path}: {value!r:.60} does not match {schema['pattern']}")
        if _TYPES["number"](value) and "minimum" in schema and value < schema["minimum"]:
            out.append(f"{path}: {value} below {schema['minimum']}")
        if isinstance(value, dict):
            for key in schema.get("required", []):
                if key not in value:
                    out.append(f"{path}: missing {key}")
            props = schema.get("properties", {})
            for key, item in value.items():
                if key in props:
                    out += self.errors(item, props[key], f"{path}.{key}")
                elif schema.get("additionalProperties") is False:
                    out.append(f"{path}: unexpected member {key}")
        if isinstance(value, list) and "items" in schema:
            for i, item in enumerate(value):
                out += self.errors(item, schema["items"], f"{path}[{i}]")
        for sub in schema.get("allOf", []):
            out += self.errors(value, sub, path)
        if "anyOf" in schema and all(self.errors(value, s, path) for s in schema["anyOf"]):
            out.append(f"{path}: matches none of anyOf")
        if "oneOf" in schema:
            matching = sum(not self.errors(value, s, path) for s in schema["oneOf"])
            if matching != 1:
                out.append(f"{path}: matches {matching} of oneOf, not exactly one")
        if "not" in schema and not self.errors(value, schema["not"], path):
            out.append(f"{path}: matches a schema it must not")
        return out


def tool_lines(paths, args=()):
    """The tool's output for many inputs, through a list file for long lists."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        subprocess.run([tool(), *args, "-o", out, "--", *map(str, paths)],
                       stderr=subprocess.DEVNULL, timeout=900)
        with open(out, encoding="utf-8") as f:
            return [json.loads(line) for line in f]


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            cls.schema = json.load(f)
        cls.validator = Validator(cls.schema)

    def assertValid(self, records, what):
        self.assertTrue(records, f"no records from {what}")
        for record in records:
            problems = self.validator.errors(record)
            self.assertEqual(problems, [], f"{what}: {record.get('source')}")

    def test_validator_rejects_bad_records(self):
        good = lede.extract(HAND_PAGE)
        self.assertEqual(self.validator.errors(good), [])
        for bad in ({}, {"source": "x"}, dict(good, truncated="no"), dict(good, paragraphs=[1]),
                    dict(good, input="pdf"), dict(good, error="also failed"),
                    dict(good, quotes=[{"text": "x"}]), {"source": "x", "error": ""},
                    {"source": "x", "error": "bad", "skipped": "too"}):
            self.assertNotEqual(self.validator.errors(bad), [], bad)

    def test_schema_describes_the_core_members(self):
        """The members README documents are described; members added later
        validate too (additional properties are allowed) until described."""
        described = set(self.schema["properties"])
        for name in ("article", "error", "skipped"):
            described |= set(self.schema["$defs"][name]["properties"])
        core = {"source", "url", "input", "title", "deck", "dateline", "language", "truncated",
                "body", "paragraphs", "quotes", "people", "places", "warning", "error",
                "authors", "date_published", "date_modified", "site_name", "description",
                "image", "section", "tags"}
        self.assertLessEqual(core, described)

    def test_examples_and_seed(self):
        paths = sorted(p for d in (EXAMPLES, DATA / "seed") if d.is_dir()
                       for p in d.iterdir() if p.is_file())
        self.assertValid(tool_lines(paths), "examples and seed")

    @unittest.skipUnless(AEB_DEV.is_dir(), "no AEB dev pages")
    def test_aeb_dev_html_and_text(self):
        self.assertValid(tool_lines(aeb_pages()), "aeb-dev html")
        with open(AEB_DEV / "page-text.json", encoding="utf-8") as f:
            texts = json.load(f)
        records = [lede.extract(page["text"], input="text", source=page_id)
                   for page_id, page in sorted(texts.items())]
        self.assertValid(records, "aeb-dev text")

    def test_other_corpora(self):
        dirs = [DATA / "meta-dev" / "html", DATA / "quotes-dev" / "text", REPO / "tests" / "quotes"]
        paths = sorted(p for d in dirs if d.is_dir() for p in d.iterdir()
                       if p.is_file() and p.suffix != ".json")
        if not paths:
            self.skipTest("no meta-dev or quotes-dev data")
        self.assertValid(tool_lines(paths), "meta-dev, quotes-dev, tests/quotes")

    def test_crawl_and_error_records(self):
        with tempfile.TemporaryDirectory() as tmp:
            pages = [("https://example.com/hand", HAND_PAGE.encode()),
                     ("https://example.com/empty", b"   "),
                     ("https://example.com/image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))]
            warc = os.path.join(tmp, "crawl.warc.gz")
            jsonl = os.path.join(tmp, "pages.jsonl")
            make_warc(warc, pages)
            make_jsonl(jsonl, pages)
            empty = os.path.join(tmp, "empty.html")
            open(empty, "w").close()
            records = tool_lines([warc]) + tool_lines([jsonl])
            records += tool_lines([empty, os.path.join(tmp, "missing.html")])
        kinds = {("error" in r, "skipped" in r, "body" in r) for r in records}
        self.assertIn((True, False, False), kinds)  # an error record
        self.assertIn((False, True, False), kinds)  # a skipped request record
        self.assertIn((False, False, True), kinds)  # an article
        self.assertValid(records, "crawl and error records")


if __name__ == "__main__":
    unittest.main()
