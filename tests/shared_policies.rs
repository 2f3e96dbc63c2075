//! Named policies (`cors_policy!`) and origins known at run time (`RuntimeOrigins`), through real routers.

mod common;

use common::*;
use cors_runtime::routing::{get, post};
use cors_runtime::runtime_origins::NoCredentials;
use cors_runtime::Router;
use cors_runtime::{cors, cors_policy, policy_of, OriginsError, RuntimeOrigins};
use http::{Method, StatusCode};

cors_policy! {
    /// The web app, with cookies.
    APP(origins = ["https://app.example.com"], credentials, max_age = 600);
}

#[cors(policy = APP, methods = [GET], expose = ["x-total-count"])]
async fn list() -> &'static str {
    "[]"
}

#[cors(policy = APP, methods = [POST], headers = ["content-type"])]
async fn create() -> StatusCode {
    StatusCode::CREATED
}

#[tokio::test]
async fn a_named_policy_applies_to_every_handler_that_names_it_with_their_own_additions() {
    let app = Router::new().route("/items", get(list).post(create));

    let res = call(
        &app,
        request(
            Method::GET,
            "/items",
            &[("origin", "https://app.example.com")],
        ),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-total-count")
    );

    let res = call(
        &app,
        preflight_with_headers("/items", "https://app.example.com", "POST", "content-type"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-max-age"),
        Some("600"),
        "from the named policy"
    );
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("content-type"),
        "from the handler"
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some("POST"));

    // `list` did not add headers: a preflight for GET asking for content-type is refused.
    let res = call(
        &app,
        preflight_with_headers("/items", "https://app.example.com", "GET", "content-type"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let res = call(
        &app,
        request(Method::GET, "/items", &[("origin", "https://evil.example")]),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[test]
fn a_named_policys_handlers_say_which_policy_they_use() {
    assert_eq!(policy_of(list).name(), "list (policy APP)");
}

static DEPLOYMENT: RuntimeOrigins = RuntimeOrigins::new();

#[cors(origins = ["https://app.example.com", DEPLOYMENT], methods = [GET], credentials)]
async fn profile() -> &'static str {
    "{}"
}

#[tokio::test]
async fn run_time_origins_are_allowed_beside_the_attributes_own() {
    DEPLOYMENT
        .set_list(
            " https://staging.example.com ,, https://*.preview.example.com, http://localhost:* ,",
        )
        .unwrap();
    let app = Router::new().route("/profile", get(profile));
    for origin in [
        "https://app.example.com",
        "https://staging.example.com",
        "https://pr-12.preview.example.com",
        "http://localhost:5173",
    ] {
        let mut req = request(Method::GET, "/profile", &[]);
        req.headers_mut().insert("origin", origin.parse().unwrap());
        let res = call(&app, req).await;
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some(origin),
            "{origin}"
        );
        assert_eq!(
            header(&res, "access-control-allow-credentials"),
            Some("true")
        );
        assert_eq!(header(&res, "vary"), Some("Origin"));
    }
    for origin in [
        "https://staging.example.com.evil.net",
        "https://evilstaging.example.com",
        "https://preview.example.com",
        "http://staging.example.com",
        "null",
    ] {
        let mut req = request(Method::GET, "/profile", &[]);
        req.headers_mut().insert("origin", origin.parse().unwrap());
        let res = call(&app, req).await;
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            None,
            "{origin}"
        );
        assert_eq!(header(&res, "vary"), Some("Origin"), "{origin}");
    }
    let res = call(
        &app,
        preflight("/profile", "https://staging.example.com", "GET"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://staging.example.com")
    );
    assert_eq!(
        DEPLOYMENT.set_list("https://other.example.com"),
        Err(OriginsError::AlreadySet)
    );
}

static NEVER_SET: RuntimeOrigins = RuntimeOrigins::new();

#[cors(origins = [NEVER_SET], methods = [POST])]
async fn unset() -> &'static str {
    ""
}

#[tokio::test]
async fn an_unset_slot_allows_no_origin() {
    let app = Router::new().route("/unset", post(unset));
    let res = call(
        &app,
        request(
            Method::POST,
            "/unset",
            &[("origin", "https://app.example.com")],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    let res = call(&app, preflight("/unset", "https://app.example.com", "POST")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// Each rule of the attribute, applied to run-time entries: the error names the entry, and its reason is that
/// rule's own message (the one the compile-time error gives), fix included.
#[test]
fn bad_entries_are_returned_errors_that_name_them() {
    use cors_rules::origin::{parse_origin, CredentialRisk, OriginError};
    let rule = |e: OriginError| e.to_string();
    let parse = |entry: &str| rule(parse_origin(entry).unwrap_err());
    let cases: Vec<(&str, usize, &str, String)> = vec![
        ("https://a.example.com, http://b.example.com", 2, "http://b.example.com",
         format!("{}, or declare the slot as `RuntimeOrigins<NoCredentials>` for policies without credentials",
                 CredentialRisk::InsecureScheme)),
        ("https://a.example.com/", 1, "https://a.example.com/", rule(OriginError::TrailingSlash("https://a.example.com".into()))),
        ("null", 1, "null", rule(OriginError::Null)),
        ("*", 1, "*", parse("*")),
        ("https://*.com", 1, "https://*.com", CredentialRisk::PublicSuffixPattern("com".into()).to_string()),
        ("https://*.github.io", 1, "https://*.github.io", CredentialRisk::PublicSuffixPattern("github.io".into()).to_string()),
        ("https://A.example.com", 1, "https://A.example.com", parse("https://A.example.com")),
        ("https://a.example.com:443", 1, "https://a.example.com:443", rule(OriginError::DefaultPort("https://a.example.com".into()))),
        ("https://a.example.com, https://a.example.com", 2, "https://a.example.com", "listed twice: remove one".into()),
    ];
    for (entries, index, entry, reason) in cases {
        let slot: RuntimeOrigins = RuntimeOrigins::new();
        let err = slot.set_list(entries).unwrap_err();
        assert_eq!(
            err,
            OriginsError::Entry {
                var: None,
                index,
                entry: entry.into(),
                reason: reason.clone()
            },
            "{entries}"
        );
        assert_eq!(
            err.to_string(),
            format!("entry {index} (`{entry}`): {reason}")
        );
        assert!(!slot.is_set(), "a rejected list leaves the slot unset");
    }
    // The reasons say how to fix the entry: the rules' messages do (`cors-rules` holds them to it).
    assert!(rule(OriginError::Null).contains("serve such clients from a real origin"));
    assert!(CredentialRisk::InsecureScheme
        .to_string()
        .contains("Use `https://`"));
}

#[test]
fn slots_without_credentials_follow_the_rules_of_policies_without_credentials() {
    let slot: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();
    slot.set_list("http://dashboard.corp.internal:8080, https://*.github.io")
        .unwrap();
    assert!(slot.allows("http://dashboard.corp.internal:8080"));
    assert!(slot.allows("https://someone.github.io"));
    let slot: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();
    assert!(
        slot.set_list("https://app.example.com/").is_err(),
        "syntax rules still apply"
    );
}

/// `set` takes the entries one by one (from a config file's list, say), by the same rules as `set_list`.
#[test]
fn set_takes_a_list_of_entries_by_the_same_rules() {
    let slot: RuntimeOrigins = RuntimeOrigins::new();
    slot.set(["https://a.example.com", "https://*.b.example.com"])
        .unwrap();
    assert!(slot.is_set());
    assert!(slot.allows("https://a.example.com"));
    assert!(slot.allows("https://x.b.example.com"));
    assert!(!slot.allows("https://b.example.com"));
    let slot: RuntimeOrigins = RuntimeOrigins::new();
    assert_eq!(
        slot.set(vec![
            String::from("https://a.example.com"),
            String::from("null")
        ]),
        Err(OriginsError::Entry {
            var: None,
            index: 2,
            entry: "null".into(),
            reason: cors_rules::origin::OriginError::Null.to_string(),
        })
    );
    assert!(!slot.is_set());
}

#[test]
fn environment_variables_name_themselves_in_errors() {
    let slot: RuntimeOrigins = RuntimeOrigins::new();
    let err = slot
        .set_from_env("CORS_TEST_SURELY_UNSET_VARIABLE")
        .unwrap_err();
    assert_eq!(
        err,
        OriginsError::EnvMissing("CORS_TEST_SURELY_UNSET_VARIABLE".into())
    );
    assert!(err
        .to_string()
        .starts_with("CORS_TEST_SURELY_UNSET_VARIABLE is not set"));

    // The only test in this binary that sets this variable.
    std::env::set_var(
        "CORS_TEST_ORIGINS",
        "https://ok.example.com,https://bad.example.com/",
    );
    let err = slot.set_from_env("CORS_TEST_ORIGINS").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("CORS_TEST_ORIGINS: entry 2 (`https://bad.example.com/`)"),
        "{err}"
    );
    std::env::set_var("CORS_TEST_ORIGINS", "https://ok.example.com");
    slot.set_from_env("CORS_TEST_ORIGINS").unwrap();
    assert!(slot.allows("https://ok.example.com"));
}

#[test]
fn a_predicate_only_sees_origins_the_slots_rules_accept() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = seen.clone();
    let slot: RuntimeOrigins = RuntimeOrigins::new();
    slot.dangerously_set_predicate(move |origin| {
        log.lock().unwrap().push(origin.to_owned());
        origin.ends_with(".tenants.example.com")
    })
    .unwrap();
    assert!(slot.allows("https://acme.tenants.example.com"));
    assert!(!slot.allows("http://localhost:3000"));
    for refused in [
        "http://acme.tenants.example.com",
        "null",
        "https://ACME.tenants.example.com",
        "https://acme.tenants.example.com/",
    ] {
        assert!(!slot.allows(refused), "{refused}");
    }
    assert_eq!(
        *seen.lock().unwrap(),
        ["https://acme.tenants.example.com", "http://localhost:3000"],
        "insecure, null and malformed origins never reach the predicate"
    );
    assert_eq!(
        slot.set_list("https://a.example.com"),
        Err(OriginsError::AlreadySet)
    );
}

/// A slot without credentials takes a predicate too, asked about plain `http://` origins as well (its rules accept
/// them), never about malformed ones.
#[test]
fn a_slot_without_credentials_takes_a_predicate() {
    let slot: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();
    slot.set_predicate(|origin| origin.contains(".tenants."))
        .unwrap();
    assert!(slot.is_set());
    assert!(slot.allows("https://acme.tenants.example.com"));
    assert!(slot.allows("http://acme.tenants.example.com"));
    assert!(!slot.allows("https://acme.example.com"));
    assert!(!slot.allows("https://ACME.tenants.example.com"));
    assert_eq!(slot.set_predicate(|_| true), Err(OriginsError::AlreadySet));
}

#[cors(policy = shared_policies::policies::WEB, methods = [POST], headers = ["content-type"])]
async fn create_project() -> StatusCode {
    StatusCode::CREATED
}

/// A `pub` named policy from another crate of the workspace (`tests/fixtures/shared-policies`) answers as one of
/// this crate would: its origins, patterns and credentials, with the keys this handler adds.
#[tokio::test]
async fn a_named_policy_from_another_crate_answers_with_its_own_keys_and_the_handlers() {
    let app: Router = Router::new().route("/projects", post(create_project));
    let req = preflight_with_headers(
        "/projects",
        "https://pr-7.preview.example.com",
        "POST",
        "content-type",
    );
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://pr-7.preview.example.com")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(header(&res, "access-control-max-age"), Some("600"));
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("content-type")
    );
    let refused = preflight_with_headers(
        "/projects",
        "https://evil.example.com",
        "POST",
        "content-type",
    );
    assert_eq!(call(&app, refused).await.status(), StatusCode::FORBIDDEN);
}
