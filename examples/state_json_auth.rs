//! State, a JSON body and an `Authorization` header, as a real API has them. The preflight is answered before
//! any extractor runs (preflights carry no credentials), and every answer of the handler carries the policy's
//! headers: the 201, the 401 of a missing token and the 400/415/422 of a bad body alike, so the browser can
//! read them.
//!
//! ```text
//! cargo run --example state_json_auth
//! curl -i -X POST http://127.0.0.1:3000/notes -H 'Origin: https://app.example.com' \
//!      -H 'Authorization: Bearer demo' -H 'Content-Type: application/json' -d '{"text":"hi"}'
//! curl -i -X POST http://127.0.0.1:3000/notes -H 'Origin: https://app.example.com' \
//!      -H 'Authorization: Bearer demo' -H 'Content-Type: application/json' -d '{'
//! ```

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use cors_runtime::Router;
use cors_runtime::{cors, routing::get};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct AppState {
    notes: Arc<Mutex<Vec<Note>>>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Note {
    text: String,
}

/// The caller, from `Authorization: Bearer <token>`; a 401 without one.
struct User(String);

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|token| User(token.to_owned()))
            .ok_or((StatusCode::UNAUTHORIZED, "missing bearer token"))
    }
}

// `authorization` must be listed: no wildcard ever covers it. `credentials` is not needed for a bearer
// token sent by script (only for cookies and HTTP authentication the browser adds itself).
#[cors(origins = ["https://app.example.com"], methods = [GET],
       headers = ["authorization"], max_age = 600)]
async fn list_notes(State(state): State<AppState>, _user: User) -> Json<Vec<Note>> {
    Json(state.notes.lock().unwrap().clone())
}

#[cors(origins = ["https://app.example.com"], methods = [POST],
       headers = ["authorization", "content-type"], expose = ["location"], max_age = 600)]
async fn create_note(
    State(state): State<AppState>,
    User(user): User,
    Json(note): Json<Note>,
) -> (StatusCode, [(&'static str, String); 1], Json<Note>) {
    let mut notes = state.notes.lock().unwrap();
    notes.push(note.clone());
    let location = format!("/notes/{} (by {user})", notes.len() - 1);
    (StatusCode::CREATED, [("location", location)], Json(note))
}

fn app() -> Router {
    Router::new()
        .route("/notes", get(list_notes).post(create_note))
        .with_state(AppState::default())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app()).await
}
