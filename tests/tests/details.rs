//! The `Details` tree: DRF's shape, its API, its flat view and its Display.

use error_contract::{Detail, Details, NON_FIELD_ERRORS};

fn strings(messages: &[&str]) -> Vec<String> {
    messages
        .iter()
        .map(|message| (*message).to_owned())
        .collect()
}

/// DRF 3.18's nested `many=True` body: `{"items":{"1":{"amount":[…]},"3":{…}}}`.
fn invoice_lines() -> Details {
    Details::new()
        .with("customer", "This field is required.")
        .with_nested(
            "items",
            Details::new()
                .with_nested(
                    "1",
                    Details::new()
                        .with("amount", "Ensure this value is greater than or equal to 0."),
                )
                .with_nested(
                    "3",
                    Details::new()
                        .with("sku", "This field is required.")
                        .with("amount", "A valid number is required."),
                ),
        )
}

#[test]
fn nested_trees_serialise_as_drf_writes_them() {
    assert_eq!(
        serde_json::to_string(&invoice_lines()).unwrap(),
        r#"{"customer":["This field is required."],"items":{"1":{"amount":["Ensure this value is greater than or equal to 0."]},"3":{"sku":["This field is required."],"amount":["A valid number is required."]}}}"#
    );
}

#[test]
fn get_and_nested_read_one_level() {
    let details = invoice_lines();
    assert_eq!(
        details.get("customer"),
        Some(&strings(&["This field is required."])[..])
    );
    assert_eq!(
        details.get("items"),
        None,
        "a nested key holds no messages directly"
    );
    assert_eq!(details.nested("customer"), None);
    let item = details
        .nested("items")
        .and_then(|items| items.nested("3"))
        .unwrap();
    assert_eq!(
        item.get("sku"),
        Some(&strings(&["This field is required."])[..])
    );
    assert!(matches!(details.detail("items"), Some(Detail::Nested(_))));
    assert_eq!(details.len(), 2);
    assert!(!details.is_empty());
    assert!(Details::new().is_empty());
}

#[test]
fn at_walks_dotted_and_bracketed_paths() {
    let details = invoice_lines();
    let amount = strings(&["Ensure this value is greater than or equal to 0."]);
    assert_eq!(details.at("items.1.amount"), Some(&amount[..]));
    assert_eq!(details.at("items[1].amount"), Some(&amount[..]));
    assert_eq!(details.at("items[3].sku"), details.at("items.3.sku"));
    assert_eq!(
        details.at("customer"),
        Some(&strings(&["This field is required."])[..])
    );
    assert_eq!(details.at("items.2.amount"), None);
    assert_eq!(details.at("items[1"), None);
    assert_eq!(details.at("items"), None);
    assert_eq!(details.at(""), None);

    let top_level_list = Details::new().with_nested("0", Details::new().with("sku", "Required."));
    assert_eq!(
        top_level_list.at("[0].sku"),
        Some(&strings(&["Required."])[..])
    );
    let matrix = Details::new().with_nested(
        "matrix",
        Details::new().with_nested(
            "1",
            Details::new().with("0", "A valid integer is required."),
        ),
    );
    assert_eq!(
        matrix.at("matrix[1][0]"),
        Some(&strings(&["A valid integer is required."])[..])
    );
}

#[test]
fn keys_with_dots_or_brackets_are_reached_through_nested_and_get() {
    let details = Details::new().with_nested(
        "scores",
        Details::new()
            .with("a.b", "A valid integer is required.")
            .with("items[0]", "A valid integer is required."),
    );
    let scores = details.nested("scores").unwrap();
    assert!(scores.get("a.b").is_some());
    assert!(scores.get("items[0]").is_some());
    assert_eq!(
        details.at("scores.a.b"),
        None,
        "the flat view splits on the dot"
    );
}

#[test]
fn flatten_yields_dotted_paths_in_order() {
    let flat: Vec<(String, Vec<String>)> = invoice_lines()
        .flatten()
        .map(|(path, messages)| (path.to_string(), messages.to_vec()))
        .collect();
    assert_eq!(
        flat,
        [
            ("customer".to_owned(), strings(&["This field is required."])),
            (
                "items.1.amount".to_owned(),
                strings(&["Ensure this value is greater than or equal to 0."])
            ),
            (
                "items.3.sku".to_owned(),
                strings(&["This field is required."])
            ),
            (
                "items.3.amount".to_owned(),
                strings(&["A valid number is required."])
            ),
        ]
    );
}

#[test]
fn display_prints_the_guides_loop() {
    let details = Details::new()
        .with("email", "Enter a valid email address.")
        .with(
            "currency",
            "Invalid currency code. Must be one of: GBP, EUR, USD",
        )
        .with("currency", "This field is required.");
    assert_eq!(
        details.to_string(),
        "email: Enter a valid email address.\n\
         currency: Invalid currency code. Must be one of: GBP, EUR, USD, This field is required."
    );
    assert_eq!(Details::new().to_string(), "");
    assert_eq!(
        invoice_lines().to_string().lines().nth(2),
        Some("items.3.sku: This field is required.")
    );
}

#[test]
fn push_keeps_first_position_and_pushes_onto_a_nested_node_go_to_non_field_errors() {
    let mut details = Details::new();
    details.push("email", "one");
    details.push("currency", "two");
    details.push("email", "three");
    assert_eq!(
        details.iter().map(|(key, _)| key).collect::<Vec<_>>(),
        ["email", "currency"]
    );
    assert_eq!(details.get("email"), Some(&strings(&["one", "three"])[..]));

    let mut details =
        Details::new().with_nested("address", Details::new().with("postcode", "Blank."));
    details.push("address", "Postcode area is not served.");
    let address = details.nested("address").unwrap();
    assert_eq!(
        address.get(NON_FIELD_ERRORS),
        Some(&strings(&["Postcode area is not served."])[..])
    );
    assert_eq!(address.get("postcode"), Some(&strings(&["Blank."])[..]));
}

#[test]
fn nest_merges_trees_and_keeps_existing_messages() {
    let mut details = Details::new().with("address", "Invalid address.");
    details.nest("address", Details::new().with("postcode", "Blank."));
    details.nest(
        "address",
        Details::new()
            .with("postcode", "Too long.")
            .with("line1", "Blank."),
    );
    assert_eq!(
        serde_json::to_string(&details).unwrap(),
        r#"{"address":{"non_field_errors":["Invalid address."],"postcode":["Blank.","Too long."],"line1":["Blank."]}}"#
    );
}

#[test]
fn collects_from_pairs_and_extends() {
    let mut details: Details = [
        ("email", "Enter a valid email address."),
        ("email", "Too long."),
    ]
    .into_iter()
    .collect();
    details.extend([("currency".to_owned(), "Invalid currency code.".to_owned())]);
    assert_eq!(
        serde_json::to_string(&details).unwrap(),
        r#"{"email":["Enter a valid email address.","Too long."],"currency":["Invalid currency code."]}"#
    );
    let keys: Vec<&str> = (&details).into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["email", "currency"]);
}

#[test]
fn strict_deserialisation_keeps_order_and_merges_repeated_keys() {
    let details: Details =
        serde_json::from_str(r#"{"b":["1"],"a":{"y":["2"],"x":["3"]},"b":["4"]}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&details).unwrap(),
        r#"{"b":["1","4"],"a":{"y":["2"],"x":["3"]}}"#
    );
}
