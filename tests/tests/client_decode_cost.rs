//! What one untrusted body costs a client, counted by a global allocator that tracks the
//! live heap of each thread: decoding any body of n bytes peaks below 32 × n, in time that
//! grows linearly with n; the decoded `details` stay within `DetailsLimits`, with what was
//! dropped noted; and printing them (`Display`, `flatten`) costs no string per field.
//!
//! Bodies are generated here, at several sizes each; nothing large is committed.

#![allow(unsafe_code)] // a counting GlobalAlloc cannot be written without it

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::{self, Write as _};
use std::time::{Duration, Instant};

use error_contract::{CommonErrorCode, DetailsLimits, ErrorResponse};
use error_contract_tests::drf;
use http::{HeaderMap, StatusCode};

type Response = ErrorResponse<CommonErrorCode>;

struct Counting;

thread_local! {
    // Per thread, so tests running in parallel do not count each other's heap.
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn grew(bytes: usize) {
    let live = LIVE.with(|live| {
        live.set(live.get().wrapping_add(bytes));
        live.get()
    });
    PEAK.with(|peak| peak.set(peak.get().max(live)));
}

fn shrank(bytes: usize) {
    LIVE.with(|live| live.set(live.get().wrapping_sub(bytes)));
}

// SAFETY: every call is forwarded unchanged to the system allocator; counting touches only
// const-initialised thread-local `Cell`s, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        grew(layout.size());
        // SAFETY: the caller upholds `alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    // A reallocation counts its change in size, as a heap profiler counts a block that moves.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        if new_size >= layout.size() {
            grew(new_size - layout.size());
        } else {
            shrank(layout.size() - new_size);
        }
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What `f` cost on this thread: the peak of the heap above where it started, the number of
/// allocations, and its result.
fn measured<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(start));
    let allocations = ALLOCATIONS.with(Cell::get);
    let value = f();
    let peak = PEAK.with(Cell::get) - start;
    (peak, ALLOCATIONS.with(Cell::get) - allocations, value)
}

fn decode(status: u16, body: &[u8]) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    Response::from_parts(status, &HeaderMap::new(), body)
}

/// `prefix`, then `item(i)` joined by `,` for as many `i` as fit in `size` bytes, then
/// `suffix`.
fn repeated(prefix: &str, item: impl Fn(usize) -> String, suffix: &str, size: usize) -> Vec<u8> {
    let mut body = String::from(prefix);
    for index in 0.. {
        let item = item(index);
        if body.len() + item.len() + 1 + suffix.len() > size {
            break;
        }
        if index > 0 {
            body.push(',');
        }
        body.push_str(&item);
    }
    body.push_str(suffix);
    body.into_bytes()
}

/// The shapes that cost a decoder most per byte, each a body of about `size` bytes.
fn hostile_bodies(size: usize) -> Vec<(&'static str, Vec<u8>)> {
    let envelope = |details: &str| {
        format!(r#"{{"error":"Bad","error_code":"validation_error","details":{details}"#)
    };
    let deep_objects = (size / 6).min(20);
    vec![
        // The shape of the report: one tiny list per four bytes, a tree keyed by index.
        (
            "nested lists, bare",
            repeated("[", |_| "[1]".into(), "]", size),
        ),
        (
            "nested lists",
            repeated(&envelope("["), |_| "[1]".into(), "]}", size),
        ),
        (
            "lists of lists",
            repeated(&envelope("["), |_| "[[1]]".into(), "]}", size),
        ),
        (
            "small objects in a list",
            repeated(&envelope("["), |_| r#"{"a":1}"#.into(), "]}", size),
        ),
        (
            "objects of objects in a list",
            repeated(&envelope("["), |_| r#"{"a":{"b":1}}"#.into(), "]}", size),
        ),
        (
            "many keys",
            repeated(&envelope("{"), |i| format!(r#""{i:x}":1"#), "}}", size),
        ),
        (
            "many keys, no messages",
            repeated(&envelope("{"), |i| format!(r#""{i:x}":[]"#), "}}", size),
        ),
        (
            "many keys, empty trees",
            repeated(&envelope("{"), |i| format!(r#""{i:x}":{{}}"#), "}}", size),
        ),
        (
            "long keys",
            repeated(&envelope("{"), |i| format!(r#""{i:0>300}":1"#), "}}", size),
        ),
        ("one long key over many fields", {
            let key = "k".repeat(size / 2);
            repeated(
                &envelope(&format!(r#"{{"{key}":["#)),
                |_| "[1]".into(),
                "]}}",
                size,
            )
        }),
        (
            "many messages",
            repeated(&envelope(r#"{"f":["#), |_| "1".into(), "]}}", size),
        ),
        (
            "many empty messages",
            repeated(&envelope(r#"{"f":["#), |_| r#""""#.into(), "]}}", size),
        ),
        (
            "a repeated key",
            repeated(&envelope("{"), |_| r#""a":[1]"#.into(), "}}", size),
        ),
        ("deep objects", {
            let open = r#"{"a":"#.repeat(deep_objects);
            repeated(
                &envelope(&format!("[{open}")),
                |_| "1".into(),
                &format!("{}]}}", "}".repeat(deep_objects)),
                size,
            )
        }),
        ("deep arrays", {
            let depth = size / 2 - 80;
            format!("{}1{}}}", envelope(&"[".repeat(depth)), "]".repeat(depth)).into_bytes()
        }),
        (
            "message objects",
            repeated(
                &envelope(r#"{"f":["#),
                |_| r#"{"msg":"x"}"#.into(),
                "]}}",
                size,
            ),
        ),
        (
            "lone surrogates to repair",
            repeated(
                &envelope(r#"{"f":["#),
                |_| r#""\ud800""#.into(),
                "]}}",
                size,
            ),
        ),
        (
            "numbers out of range",
            repeated(&envelope(r#"{"f":["#), |_| "1e999".into(), "]}}", size),
        ),
        ("invalid UTF-8", {
            let mut body = envelope(r#"{"f":""#).into_bytes();
            body.resize(size.saturating_sub(3).max(body.len()), 0xFF);
            body.extend_from_slice(br#""}}"#);
            body
        }),
    ]
}

const SIZES: [usize; 5] = [256, 4 * 1024, 40 * 1024, 256 * 1024, 1024 * 1024];

#[test]
fn decoding_any_body_peaks_below_32_times_its_size() {
    let mut worst = (0.0_f64, "", 0);
    let mut over = Vec::new();
    for size in SIZES {
        for (shape, body) in hostile_bodies(size) {
            let (peak, _, response) = measured(|| decode(400, &body));
            // The response is still whole: the status and a message.
            assert_eq!(
                response.status(),
                StatusCode::BAD_REQUEST,
                "{shape} at {size}"
            );
            assert!(!response.message().is_empty(), "{shape} at {size}");
            drop(response);
            #[allow(clippy::cast_precision_loss, reason = "a ratio of sizes under 2^52")]
            let ratio = peak as f64 / body.len() as f64;
            if ratio > worst.0 {
                worst = (ratio, shape, size);
            }
            if peak >= 32 * body.len() {
                over.push(format!("{shape} at {} bytes: {ratio:.1}×", body.len()));
            }
        }
    }
    assert!(over.is_empty(), "over 32× the body: {over:#?}");
    // The figure, for the record, when run with `--nocapture`.
    println!("worst: {:.1}× ({} at {} bytes)", worst.0, worst.1, worst.2);
}

#[test]
fn what_a_body_keeps_is_freed_with_it() {
    for (shape, body) in hostile_bodies(64 * 1024) {
        let before = LIVE.with(Cell::get);
        drop(decode(400, &body));
        assert_eq!(LIVE.with(Cell::get), before, "{shape}: decoding leaked");
    }
}

/// The fastest of three decodes of `body`.
fn decode_time(body: &[u8]) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(decode(400, body));
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn decoding_time_grows_linearly_with_the_body() {
    // Eight times the body takes about eight times as long; a cost quadratic in any part of
    // it would take 64 times. The bound leaves room for a loaded machine.
    let small = hostile_bodies(32 * 1024);
    let large = hostile_bodies(256 * 1024);
    for ((shape, small), (_, large)) in small.iter().zip(&large) {
        let (short, long) = (decode_time(small), decode_time(large));
        assert!(
            long < short * 20 + Duration::from_millis(5),
            "{shape}: {short:?} for {} bytes, {long:?} for {} bytes",
            small.len(),
            large.len(),
        );
    }
}

#[test]
fn a_key_longer_than_the_limit_is_cut_and_noted() {
    let key = format!("{}é{}", "a".repeat(255), "b".repeat(1000));
    let body = format!(
        r#"{{"error":"Bad","error_code":"validation_error","details":{{"{key}":["x"],"ok":["y"]}}}}"#
    );
    let response = decode(400, body.as_bytes());
    assert!(response.details_truncated());
    assert_eq!(response.code(), Some(CommonErrorCode::ValidationError));
    let keys: Vec<&str> = response.details().iter().map(|(key, _)| key).collect();
    // `é` would end past byte 256, so the cut falls before it.
    assert_eq!(keys, [format!("{}…", "a".repeat(255)).as_str(), "ok"]);
    assert_eq!(DetailsLimits::DEFAULT.key_len, 256);
}

#[test]
fn messages_past_the_limits_are_dropped_and_noted() {
    let limits = DetailsLimits::DEFAULT;
    let envelope = |details: String| {
        format!(r#"{{"error":"Bad","error_code":"validation_error","details":{details}}}"#)
    };
    let messages = |count: usize| {
        let list: Vec<String> = (0..count).map(|i| format!(r#""m{i}""#)).collect();
        format!("[{}]", list.join(","))
    };

    // One field: the first 1,000 messages, in order; a repeated key shares that room.
    let one = decode(
        400,
        envelope(format!(r#"{{"f":{}}}"#, messages(1500))).as_bytes(),
    );
    let kept = one.details().get("f").unwrap();
    assert_eq!(kept.len(), limits.messages_per_field);
    assert_eq!(
        kept.last().unwrap(),
        &format!("m{}", limits.messages_per_field - 1)
    );
    assert!(one.details_truncated());
    let repeated = decode(
        400,
        envelope(format!(r#"{{"f":{0},"g":["x"],"f":{0}}}"#, messages(800))).as_bytes(),
    );
    assert_eq!(
        repeated.details().get("f").unwrap().len(),
        limits.messages_per_field
    );
    assert_eq!(repeated.details().get("g").unwrap(), ["x"]);
    assert!(repeated.details_truncated());

    // The whole tree: the first 10,000 messages, over many fields.
    let fields: Vec<String> = (0..12_000).map(|i| format!(r#""f{i}":"m""#)).collect();
    let many = decode(
        400,
        envelope(format!("{{{}}}", fields.join(","))).as_bytes(),
    );
    assert_eq!(
        many.details()
            .flatten()
            .map(|(_, list)| list.len())
            .sum::<usize>(),
        limits.messages
    );
    assert!(many.details_truncated());
    assert_eq!(many.message(), "Bad");

    // Within every limit, nothing is noted.
    let fine = decode(
        400,
        envelope(format!(r#"{{"f":{}}}"#, messages(1000))).as_bytes(),
    );
    assert_eq!(fine.details().get("f").unwrap().len(), 1000);
    assert!(!fine.details_truncated());
}

#[test]
fn keys_past_the_limit_are_dropped_with_what_they_hold() {
    let fields: Vec<String> = (0..12_000).map(|i| format!(r#""f{i}":[]"#)).collect();
    let body = format!(r#"{{"error":"Bad","details":{{{}}}}}"#, fields.join(","));
    let response = decode(400, body.as_bytes());
    assert_eq!(response.details().len(), DetailsLimits::DEFAULT.keys);
    assert!(response.details().contains_key("f9999"));
    assert!(!response.details().contains_key("f10000"));
    assert!(response.details_truncated());
}

#[test]
fn real_bodies_come_nowhere_near_the_limits() {
    for fixture in drf::all() {
        let response = decode(400, fixture.json.as_bytes());
        assert!(!response.details_truncated(), "{}", fixture.name());
    }
}

/// A `fmt::Write` that keeps only the count of what it was given.
#[derive(Default)]
struct Counted(usize);

impl fmt::Write for Counted {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0 += text.len();
        Ok(())
    }
}

/// The report's body: one 500 KB key over 45,000 fields, about 900 KiB in all.
fn one_long_key_over_many_fields() -> Vec<u8> {
    let fields: Vec<String> = (0..45_000).map(|i| format!(r#""{i}":1"#)).collect();
    format!(
        r#"{{"error":"Bad","details":{{"{}":{{{}}}}}}}"#,
        "k".repeat(500_000),
        fields.join(",")
    )
    .into_bytes()
}

#[test]
fn printing_the_details_is_linear_in_the_body() {
    let body = one_long_key_over_many_fields();
    assert!(body.len() < error_contract::DEFAULT_BODY_LIMIT);
    let response = decode(400, &body);
    let details = response.details();
    assert!(
        response.details_truncated(),
        "the key is cut and the fields past the budget dropped"
    );

    // Every path shown, and the whole text, stay in proportion to the body.
    let paths: usize = details.flatten().map(|(path, _)| path.len()).sum();
    let limits = DetailsLimits::DEFAULT;
    assert!(paths <= limits.path_bytes + limits.path_bytes_per_body_byte * body.len());
    let mut shown = Counted::default();
    let (_, allocations, ()) = measured(|| write!(shown, "{details}").unwrap());
    assert!(
        shown.0 > 0 && shown.0 < 6 * body.len(),
        "{} bytes shown for a {}-byte body",
        shown.0,
        body.len()
    );

    // `Display` writes from the tree: a handful of allocations for the path buffer, not one
    // per field (there are thousands).
    let fields = details.flatten().count();
    assert!(fields > 1000, "{fields}");
    assert!(
        allocations <= 8,
        "{allocations} allocations to print {fields} fields"
    );
}

#[test]
fn flatten_lends_the_keys_instead_of_copying_them() {
    // One 200-byte key (within the limits) over 250 fields: paths that copied their keys
    // would allocate 50 KB; paths that lend them, two pointers a level.
    let fields: Vec<String> = (0..250).map(|i| format!(r#""{i}":["x"]"#)).collect();
    let body = format!(
        r#"{{"error":"Bad","details":{{"{}":{{{}}}}}}}"#,
        "k".repeat(200),
        fields.join(",")
    );
    let response = decode(400, body.as_bytes());
    assert!(!response.details_truncated());
    let details = response.details();
    let (peak, _, (count, length)) = measured(|| {
        details
            .flatten()
            .fold((0, 0), |(count, length), (path, _)| {
                (count + 1, length + path.len())
            })
    });
    assert_eq!(count, 250);
    assert!(length > 50_000, "{length}");
    assert!(peak < 1024, "the walk peaked at {peak} bytes");
}
