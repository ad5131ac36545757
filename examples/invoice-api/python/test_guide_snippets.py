"""The Standard Error Response guide's own Python snippets, unchanged, against `invoice-api serve`.

Usage: python test_guide_snippets.py PATH/TO/invoice-api

Starts the server on an ephemeral port of 127.0.0.1, runs every snippet of the Standard Error Response guide against
it, and stops it. Each check prints one line; the script exits non-zero on the first failure
and ends with the plain summary line "N passed, N failed".
"""

import io
import logging
import subprocess
import sys
import time
import traceback
from contextlib import redirect_stdout

import requests

# --------------------------------------------------------------------------------------
# The guide's snippets, copied unchanged ("Exponential Backoff", "Manual Retry with Backoff",
# "Error Logging Best Practices", "Handling Validation Errors", "Handling Authentication
# Errors"). Only the names they use without defining are supplied further down.
# --------------------------------------------------------------------------------------

import time
import requests
from requests.adapters import HTTPAdapter
from requests.packages.urllib3.util.retry import Retry

def create_session_with_retries():
    """Create requests session with automatic retry logic."""
    session = requests.Session()

    # Retry on 500, 502, 503, 504
    retry_strategy = Retry(
        total=3,
        status_forcelist=[500, 502, 503, 504],
        allowed_methods=["HEAD", "GET", "OPTIONS"],  # Safe methods only
        backoff_factor=1  # 1s, 2s, 4s
    )

    adapter = HTTPAdapter(max_retries=retry_strategy)
    session.mount("https://", adapter)
    session.mount("http://", adapter)

    return session

import time

def api_call_with_retry(url, headers, data=None, max_retries=3):
    """Make API call with exponential backoff retry."""
    for attempt in range(max_retries):
        try:
            if data:
                response = requests.post(url, headers=headers, json=data)
            else:
                response = requests.get(url, headers=headers)

            # Success
            if 200 <= response.status_code < 300:
                return response.json()

            # Client error - don't retry
            if 400 <= response.status_code < 500:
                error = response.json()
                raise APIClientError(
                    f"{error.get('error')} ({error.get('error_code')})"
                )

            # Server error - retry
            if response.status_code >= 500:
                if attempt < max_retries - 1:
                    wait_time = 2 ** attempt  # 1s, 2s, 4s
                    print(f"Server error, retrying in {wait_time}s...")
                    time.sleep(wait_time)
                    continue
                raise APIServerError(f"Server error after {max_retries} attempts")

        except requests.exceptions.ConnectionError as e:
            if attempt < max_retries - 1:
                wait_time = 2 ** attempt
                print(f"Connection error, retrying in {wait_time}s...")
                time.sleep(wait_time)
            else:
                raise

    raise Exception("Max retries exceeded")

import logging

logger = logging.getLogger(__name__)

def make_api_call(url, headers, data=None):
    """Make API call with comprehensive error logging."""
    try:
        response = requests.post(url, headers=headers, json=data)

        if response.status_code >= 400:
            error_data = response.json()
            logger.error(
                "API error",
                extra={
                    "url": url,
                    "status_code": response.status_code,
                    "error_code": error_data.get('error_code'),
                    "error_message": error_data.get('error'),
                    "request_data": data
                }
            )

        return response

    except requests.exceptions.RequestException as e:
        logger.exception(
            "API request failed",
            extra={"url": url, "exception": str(e)}
        )
        raise

def handle_validation_errors(business_id, invoice_data):
    # The guide's "Handling Validation Errors" snippet, as the body of a function.
    try:
        response = create_invoice(business_id, invoice_data)
    except ValidationError as e:
        # Check specific field errors
        errors = e.details
        if 'customer_id' in errors:
            print("Invalid customer ID")
        if 'currency' in errors:
            print("Invalid currency code")

        # Show all errors to user
        for field, messages in errors.items():
            print(f"{field}: {', '.join(messages)}")

def make_authenticated_request(url, business_id):
    try:
        token = get_business_token(business_id)
        response = requests.get(url, headers={"Authorization": f"Bearer {token}"})

        if response.status_code == 401:
            # Token expired - refresh and retry
            token = get_business_token(business_id, force_refresh=True)
            response = requests.get(url, headers={"Authorization": f"Bearer {token}"})

        return response.json()

    except AuthenticationError:
        # Re-authenticate from scratch
        refresh_all_tokens()
        return make_authenticated_request(url, business_id)

# --------------------------------------------------------------------------------------
# What the snippets use but the guide does not define.
# --------------------------------------------------------------------------------------

BASE = None  # "http://127.0.0.1:PORT/v1/platform", set by main()
ACME = {"Authorization": "Bearer tok_acme"}


class APIClientError(Exception):
    pass


class APIServerError(Exception):
    pass


class ValidationError(Exception):
    def __init__(self, details):
        super().__init__("validation failed")
        self.details = details


class AuthenticationError(Exception):
    pass


def create_invoice(business_id, invoice_data):
    response = requests.post(f"{BASE}/businesses/{business_id}/invoices/", headers=ACME, json=invoice_data)
    body = response.json()
    if response.status_code == 400 and body.get("error_code") == "validation_error":
        raise ValidationError(body["details"])
    return body


TOKEN_CALLS = []


def get_business_token(business_id, force_refresh=False):
    TOKEN_CALLS.append(force_refresh)
    return "tok_acme" if force_refresh else "tok_expired"


def refresh_all_tokens():
    raise AssertionError("the server never makes the snippet re-authenticate from scratch")


# --------------------------------------------------------------------------------------
# The checks.
# --------------------------------------------------------------------------------------

def check_session_retries_503_then_succeeds():
    session = create_session_with_retries()
    response = session.get(f"{BASE}/flaky/?fail=2&key=py-session", headers=ACME)
    assert response.status_code == 200, response.text
    assert response.json()["attempt"] == 3, response.text
    response = session.get(f"{BASE}/businesses/", headers=ACME)
    assert response.status_code == 200
    assert [b["id"] for b in response.json()["results"]] == ["biz_acme"], response.text


def check_session_gives_up_with_the_envelope():
    session = create_session_with_retries()
    try:
        session.get(f"{BASE}/flaky/?fail=10&key=py-session-500&status=500", headers=ACME)
        raise AssertionError("urllib3 should have run out of retries")
    except requests.exceptions.RetryError as error:
        assert "too many 500 error responses" in str(error), error


def check_manual_retry_recovers():
    body = api_call_with_retry(f"{BASE}/flaky/?fail=2&key=py-manual&status=502", ACME)
    assert body == {"key": "py-manual", "attempt": 3}, body


def check_manual_retry_client_error():
    try:
        api_call_with_retry(f"{BASE}/businesses/biz_nope/", ACME)
        raise AssertionError("a 404 must raise APIClientError")
    except APIClientError as error:
        assert str(error) == "Business biz_nope not found. (business_not_found)", error


def check_manual_retry_creates():
    data = {"external_id": "py-1", "customer_id": "cus_1", "email": "ap@acme.example",
            "currency": "EUR", "amount": "10.00"}
    body = api_call_with_retry(f"{BASE}/businesses/biz_acme/invoices/", ACME, data=data)
    assert body["external_id"] == "py-1" and body["id"].startswith("inv_"), body
    try:
        api_call_with_retry(f"{BASE}/businesses/biz_acme/invoices/", ACME, data=data)
        raise AssertionError("a duplicate must raise APIClientError")
    except APIClientError as error:
        assert str(error) == "An invoice with external_id py-1 already exists. (duplicate_external_id)", error


def check_manual_retry_server_error():
    try:
        api_call_with_retry(f"{BASE}/boom/", ACME)
        raise AssertionError("a 500 must raise APIServerError")
    except APIServerError as error:
        assert str(error) == "Server error after 3 attempts", error


def check_error_logging():
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep()
    logger.addHandler(handler)
    try:
        data = {"external_id": "py-2", "email": "nope", "currency": "JPY", "amount": "1"}
        response = make_api_call(f"{BASE}/businesses/biz_acme/invoices/", ACME, data)
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 400
    assert len(records) == 1
    record = records[0]
    assert record.status_code == 400
    assert record.error_code == "validation_error"
    assert record.error_message == "Validation errors in request data"


def check_validation_errors():
    out = io.StringIO()
    with redirect_stdout(out):
        handle_validation_errors("biz_acme", {"external_id": "py-3", "customer_id": "cus_1",
                                              "email": "not-an-email", "currency": "JPY",
                                              "amount": "5.00"})
    assert out.getvalue() == (
        "Invalid currency code\n"
        "email: Enter a valid email address.\n"
        "currency: Invalid currency code. Must be one of: GBP, EUR, USD\n"
    ), out.getvalue()


def check_authentication_refresh():
    TOKEN_CALLS.clear()
    body = make_authenticated_request(f"{BASE}/businesses/biz_acme/", "biz_acme")
    assert body == {"id": "biz_acme", "name": "Acme Ltd"}, body
    assert TOKEN_CALLS == [False, True], TOKEN_CALLS


def check_errors_are_envelopes():
    for method, path, status, code in [
        ("GET", "/nope/", 404, "not_found"),
        ("DELETE", "/businesses/", 405, "method_not_allowed"),
        ("GET", "/businesses/", 401, "authentication_required"),
    ]:
        headers = {} if status == 401 else ACME
        response = requests.request(method, f"{BASE}{path}", headers=headers)
        assert response.status_code == status, (path, response.status_code)
        assert response.headers["content-type"] == "application/json"
        assert response.json()["error_code"] == code, response.text
    response = requests.post(f"{BASE}/businesses/biz_acme/invoices/", headers=ACME,
                             data="{not json", )
    assert response.status_code in (400, 415), response.status_code
    response = requests.post(f"{BASE}/businesses/biz_acme/invoices/",
                             headers={**ACME, "Content-Type": "application/json"}, data="{not json")
    assert response.status_code == 400 and response.json()["error_code"] == "malformed_json", response.text


CHECKS = [
    check_session_retries_503_then_succeeds,
    check_session_gives_up_with_the_envelope,
    check_manual_retry_recovers,
    check_manual_retry_client_error,
    check_manual_retry_creates,
    check_manual_retry_server_error,
    check_error_logging,
    check_validation_errors,
    check_authentication_refresh,
    check_errors_are_envelopes,
]


def main():
    global BASE
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    server = subprocess.Popen([sys.argv[1], "serve", "--addr", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        if not line.startswith("listening on "):
            print(f"the server did not start: {line!r}")
            return 1
        BASE = line.split()[-1] + "/v1/platform"
        passed = failed = 0
        for check in CHECKS:
            started = time.monotonic()
            try:
                check()
                passed += 1
                print(f"ok   {check.__name__} ({time.monotonic() - started:.1f} s)")
            except Exception:
                failed += 1
                print(f"FAIL {check.__name__}")
                traceback.print_exc()
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
