//! validator integration (feature `validator`): `ToDetails` for `ValidationErrors`.
