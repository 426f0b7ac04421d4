//! Page addresses. Hash routes (`#/log`) survive a reload on any static host with no
//! server rewrites, and the browser's back button walks them.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Today,
    Log,
    Chart,
    Data,
    Settings,
}

impl Page {
    pub const ALL: [Page; 5] = [
        Page::Today,
        Page::Log,
        Page::Chart,
        Page::Data,
        Page::Settings,
    ];

    /// The link name: a contract with the tests and screen readers (docs/ux.md).
    pub fn name(self) -> &'static str {
        match self {
            Page::Today => "Today",
            Page::Log => "Log",
            Page::Chart => "Chart",
            Page::Data => "Data",
            Page::Settings => "Settings",
        }
    }

    pub fn href(self) -> &'static str {
        match self {
            Page::Today => "#/",
            Page::Log => "#/log",
            Page::Chart => "#/chart",
            Page::Data => "#/data",
            Page::Settings => "#/settings",
        }
    }

    /// The page for a `location.hash`; anything unknown is Today.
    pub fn from_hash(hash: &str) -> Page {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '/']).next().unwrap_or("");
        match path {
            "log" => Page::Log,
            "chart" => Page::Chart,
            "data" => Page::Data,
            "settings" => Page::Settings,
            _ => Page::Today,
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Page::Today => "◉",
            Page::Log => "☰",
            Page::Chart => "∿",
            Page::Data => "⇅",
            Page::Settings => "⚙",
        }
    }
}
