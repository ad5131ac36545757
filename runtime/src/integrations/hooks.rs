//! The hidden `macro_rules!` hooks of the derive. Every hook takes
//! `impl [<generics>] Type<params> where [predicates]`.

/// `IntoResponse` for a derived type, with the `axum` feature.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impl {
    (impl [$($generics:tt)*] $ty:ty where [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $ty
        where
            Self: $crate::ApiError,
            $($where)*
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::__report_response!(&self);
                $crate::axum::into_response(&self)
            }
        }
    };
}

/// Without the `axum` feature: nothing.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impl {
    ($($tokens:tt)*) => {};
}

/// `ResponseError` for a derived type, with the `actix-web` feature. actix-web requires
/// `Debug` and `Display` of every `ResponseError`.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impl {
    (impl [$($generics:tt)*] $ty:ty where [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $ty
        where
            // Higher-ranked, so a type without Display simply has no ResponseError instead of
            // failing to compile (a plain `Self: Display` is a "trivial bound" error).
            for<'__a> Self: $crate::ApiError + ::core::fmt::Debug + ::core::fmt::Display,
            $($where)*
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::__report_response!(self);
                $crate::actix::error_response(self)
            }
        }
    };
}

/// Without the `actix-web` feature: nothing.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impl {
    ($($tokens:tt)*) => {};
}

/// `IntoResponses` for a derived type, with the `utoipa` feature.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_impl {
    (impl [$($generics:tt)*] $ty:ty where [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $ty
        where
            Self: $crate::ErrorCatalog,
            $($where)*
        {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::Response>,
            > {
                $crate::openapi::responses_of::<Self>()
            }
        }
    };
}

/// Without the `utoipa` feature: nothing.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_impl {
    ($($tokens:tt)*) => {};
}

/// Logs a response being built for `$error` (a reference): 5xx at ERROR with the private
/// cause, 4xx at DEBUG. The cause is the error's `Error` source chain, else its `Display`,
/// else its `Debug`, whichever the type has, picked by autoref specialisation.
#[cfg(feature = "tracing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __report_response {
    ($error:expr) => {{
        #[allow(unused_imports)]
        use $crate::__private::cause::{
            ViaDebug as _, ViaDisplay as _, ViaError as _, ViaNothing as _,
        };
        let error = $error;
        $crate::tracing::report_response(
            error,
            (&&&&$crate::__private::cause::Cause(error)).private_cause(),
        );
    }};
}

/// Without the `tracing` feature: nothing is logged.
#[cfg(not(feature = "tracing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __report_response {
    ($error:expr) => {};
}
