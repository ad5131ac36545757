//! Answers for requests no route takes: unknown paths, wrong methods; and
//! [`ApiRouterExt`], which installs them with the panic layer and the catch-all.

use ::axum::Router;

use super::{catch_all_using, catch_panic_layer, error_format};
use crate::CommonError;
use crate::{CatchAll, ErrorFormat};

/// A handler answering 404 `not_found`, for [`Router::fallback`].
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
///
/// let app: Router = Router::new()
///     .route("/health", get(|| async { "ok" }))
///     .fallback(error_contract::axum::fallback);
/// # let _ = app;
/// ```
#[allow(clippy::unused_async, reason = "an axum handler is an async fn")]
pub async fn fallback() -> CommonError {
    CommonError::NotFound
}

/// A handler answering 405 `method_not_allowed`, for [`Router::method_not_allowed_fallback`].
/// axum still adds its `Allow` header listing the route's methods.
///
/// axum installs it on the routes the router has when it is called, so call it after the
/// last `route`, `merge` or `nest` (or use [`ApiRouterExt::with_error_contract`] last).
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
///
/// let app: Router = Router::new()
///     .route("/health", get(|| async { "ok" }))
///     .method_not_allowed_fallback(error_contract::axum::method_not_allowed_fallback);
/// # let _ = app;
/// ```
#[allow(clippy::unused_async, reason = "an axum handler is an async fn")]
pub async fn method_not_allowed_fallback() -> CommonError {
    CommonError::MethodNotAllowed
}

/// Makes a whole [`Router`] answer in the envelope.
///
/// This trait is sealed: it is implemented for [`Router`] only.
pub trait ApiRouterExt: sealed::Sealed + Sized {
    /// Installs [`fallback`] (404 `not_found`), [`method_not_allowed_fallback`] (405
    /// `method_not_allowed`, keeping axum's `Allow` header), [`catch_panic_layer`] (500
    /// `internal_error`; the panic message goes to the log only) and, outermost,
    /// [`catch_all`](super::catch_all), which answers every other response with status ≥ 400 that is not
    /// already in the envelope with the `CommonError` for its status.
    ///
    /// Like [`Router::layer`], it covers the routes the router has when it is called: call
    /// it last, after every `route`, `merge`, `nest` and `layer`. It replaces a fallback set
    /// before; to keep your own, install the pieces one by one instead.
    ///
    /// ```
    /// use axum::Router;
    /// use axum::routing::get;
    /// use error_contract::axum::ApiRouterExt;
    ///
    /// let app: Router = Router::new()
    ///     .route("/health", get(|| async { "ok" }))
    ///     .with_error_contract();
    /// # let _ = app;
    /// ```
    #[must_use]
    fn with_error_contract(self) -> Self;

    /// [`with_error_contract`](Self::with_error_contract) with settings other than the
    /// defaults, such as validation failures at 422 rather than 400, or errors as RFC 9457
    /// problem documents ([`CatchAll::error_format`], installed with [`error_format`]
    /// outermost).
    ///
    /// ```
    /// use axum::Router;
    /// use axum::routing::get;
    /// use error_contract::axum::ApiRouterExt;
    /// use error_contract::http::StatusCode;
    /// use error_contract::{CatchAll, ErrorFormat};
    ///
    /// let app: Router = Router::new()
    ///     .route("/health", get(|| async { "ok" }))
    ///     .with_error_contract_using(
    ///         CatchAll::new()
    ///             .validation_status(StatusCode::UNPROCESSABLE_ENTITY)
    ///             .error_format(ErrorFormat::ByAccept),
    ///     );
    /// # let _ = app;
    /// ```
    #[must_use]
    fn with_error_contract_using(self, settings: CatchAll) -> Self;
}

impl<S> ApiRouterExt for Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn with_error_contract(self) -> Self {
        self.with_error_contract_using(CatchAll::new())
    }

    fn with_error_contract_using(self, settings: CatchAll) -> Self {
        let router = self
            .fallback(fallback)
            .method_not_allowed_fallback(method_not_allowed_fallback)
            .layer(catch_panic_layer())
            .layer(::axum::middleware::map_response(move |response| {
                catch_all_using(settings, response)
            }));
        match settings.format() {
            // The envelope is every response's form already: no layer to pass through.
            ErrorFormat::Envelope => router,
            // Outermost, so the catch-all's replacements are written in the form too.
            format => router.layer(::axum::middleware::from_fn_with_state(format, error_format)),
        }
    }
}

mod sealed {
    pub trait Sealed {}

    impl<S> Sealed for ::axum::Router<S> {}
}
