"""Cross-checks the reviewed OpenAPI snapshot with openapi-spec-validator (PyPI).

`cargo test --test openapi` already validates the document against the OpenAPI 3.1 JSON
Schema; this runs the reference Python validator on the same document, which also resolves
every `$ref` and validates Schema Objects against the OpenAPI 3.1 dialect.

    python3 -m venv target/openapi-venv
    target/openapi-venv/bin/pip install 'openapi-spec-validator==0.9.0'
    target/openapi-venv/bin/python tests/openapi/validate.py tests/snapshots/*openapi*.snap

Arguments: insta snapshots (`.snap`, whose header is skipped) or plain JSON files.
"""

import json
import sys

from openapi_spec_validator import validate


def document(path):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    if path.endswith(".snap"):
        # An insta snapshot: "---\n<metadata>\n---\n<content>".
        text = text.split("\n---\n", 1)[1]
    return json.loads(text)


def main(paths):
    if not paths:
        sys.exit("usage: validate.py FILE...")
    for path in paths:
        validate(document(path))
        print(f"{path}: valid OpenAPI")


if __name__ == "__main__":
    main(sys.argv[1:])
