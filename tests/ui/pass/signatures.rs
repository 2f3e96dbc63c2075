// Every signature axum accepts compiles under `#[cors]`, is routed by `cors_runtime::routing`, and is awaited by
// a unit test for its own return value: `impl Trait` anywhere in the return type included.
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use cors_runtime::{cors, routing::{any, delete, get, post}, Router};

#[derive(Clone)]
struct AppState;

struct AppError;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

#[cors(origins = ["https://app.example.com"])]
async fn nothing() {}

#[cors(origins = ["https://app.example.com"])]
async fn opaque() -> impl IntoResponse {
    "opaque"
}

#[cors(origins = ["https://app.example.com"])]
async fn result_of_opaque(Path(id): Path<u32>) -> Result<impl IntoResponse, AppError> {
    if id == 0 { Err(AppError) } else { Ok(format!("item {id}")) }
}

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["content-type"])]
async fn result_of_tuple(Json(body): Json<String>) -> Result<(StatusCode, impl IntoResponse), AppError> {
    Ok((StatusCode::CREATED, Json(body)))
}

#[cors(origins = ["https://app.example.com"])]
async fn response() -> Response {
    StatusCode::ACCEPTED.into_response()
}

#[cors(origins = ["https://app.example.com"])]
async fn json(State(_): State<AppState>) -> Json<Vec<u32>> {
    Json(vec![1, 2])
}

#[cors(origins = ["https://app.example.com"], methods = [PUT], expose = ["x-version"])]
async fn tuple(headers: HeaderMap) -> (StatusCode, [(header::HeaderName, &'static str); 1], String) {
    (StatusCode::OK, [(header::HeaderName::from_static("x-version"), "2")], headers.len().to_string())
}

#[cors(origins = ["https://app.example.com"], methods = [DELETE])]
async fn result_with_tuple_error(Path(id): Path<u32>) -> Result<StatusCode, (StatusCode, String)> {
    if id == 0 { Err((StatusCode::NOT_FOUND, "no such item".into())) } else { Ok(StatusCode::NO_CONTENT) }
}

#[cors(origins = ["https://app.example.com"])]
async fn html() -> Html<&'static str> {
    Html("<p>hi</p>")
}

#[cors(origins = ["https://app.example.com"])]
async fn redirect() -> Redirect {
    Redirect::to("/items")
}

#[cors(origins = ["https://app.example.com"])]
async fn generic_state<S: Clone + Send + Sync + 'static>(State(_): State<S>) -> &'static str {
    "generic"
}

#[cors(origins = ["https://app.example.com"], methods = [GET, "PURGE"])]
async fn purge(Path((a, b)): Path<(u32, u32)>, _unused: HeaderMap, mut body: String) -> String {
    body.push_str(&format!("{a}/{b}"));
    body
}

fn main() {
    let _app: Router = Router::new()
        .route("/nothing", get(nothing))
        .route("/opaque", get(opaque))
        .route("/items/{id}", get(result_of_opaque).delete(result_with_tuple_error))
        .route("/items", post(result_of_tuple).put(tuple))
        .route("/response", get(response))
        .route("/json", get(json))
        .route("/html", get(html))
        .route("/redirect", get(redirect))
        .route("/generic", get(generic_state::<AppState>))
        .route("/purge/{a}/{b}", any(purge))
        .route("/delete/{id}", delete(result_with_tuple_error))
        .with_state(AppState);

    // Each awaited for its own return value, with its own type.
    let _ = async {
        let (): () = nothing().await;
        let _: Response = opaque().await.into_response();
        let found: Result<_, AppError> = result_of_opaque(Path(1)).await;
        let _: Response = found.ok().unwrap().into_response();
        let _: Result<(StatusCode, _), AppError> = result_of_tuple(Json("a".into())).await;
        let _: Response = response().await;
        let Json(numbers): Json<Vec<u32>> = json(State(AppState)).await;
        let (status, _, _) = tuple(HeaderMap::new()).await;
        let _: Result<StatusCode, (StatusCode, String)> = result_with_tuple_error(Path(0)).await;
        let Html(_): Html<&str> = html().await;
        let _: Redirect = redirect().await;
        let _: &str = generic_state(State(AppState)).await;
        let _: String = purge(Path((1, 2)), HeaderMap::new(), String::new()).await;
        let _ = (numbers, status);
    };
}
