//! The XML walk TCX and GPX share: quick-xml's events, with each element's path of local
//! names (namespace prefixes dropped, lower case), so a reader can ask "is this text the
//! `time` of a `trkpt`?" whatever prefix a file's maker chose.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{FileError, FileFormat};

/// The root elements the app reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Root {
    Tcx,
    Gpx,
}

/// The kind of XML file, from its root element; `None` if it is not XML or another kind.
pub(crate) fn root(bytes: &[u8]) -> Option<Root> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes.get(start) != Some(&b'<') {
        return None;
    }
    let mut reader = Reader::from_reader(bytes);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                return if name.eq_ignore_ascii_case("TrainingCenterDatabase") {
                    Some(Root::Tcx)
                } else if name.eq_ignore_ascii_case("gpx") {
                    Some(Root::Gpx)
                } else {
                    None
                };
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// What a reader does with the walk.
pub(crate) trait Visitor {
    /// An element opens; `path` ends with its own name. `attribute` looks one up by local
    /// name.
    fn start(&mut self, path: &[String], attribute: &dyn Fn(&str) -> Option<String>);
    /// Text directly inside the element at the end of `path`, trimmed, not empty.
    fn text(&mut self, path: &[String], text: &str);
    /// The element at the end of `path` closes.
    fn end(&mut self, path: &[String]);
}

fn lower_local_name(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_ascii_lowercase()
}

/// An attribute's value by its local name, unescaped (`&amp;` → `&`, `&#46;` → `.`); the
/// raw text where it holds an entity XML does not define.
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(name))
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

/// Walks the whole file. A file that ends inside an element is [`FileError::Truncated`];
/// malformed XML elsewhere is [`FileError::Damaged`].
pub(crate) fn walk(
    bytes: &[u8],
    format: FileFormat,
    visitor: &mut dyn Visitor,
) -> Result<(), FileError> {
    let mut reader = Reader::from_reader(bytes);
    let mut path: Vec<String> = Vec::new();
    // Text arrives in pieces (quick-xml gives `&amp;` and `&#233;` as events of their
    // own): it is gathered until the next tag and handed over whole.
    let mut pending = String::new();
    let flush = |pending: &mut String, path: &[String], visitor: &mut dyn Visitor| {
        let text = pending.trim();
        if !text.is_empty() && !path.is_empty() {
            visitor.text(path, text);
        }
        pending.clear();
    };
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at_end = reader.buffer_position() >= bytes.len() as u64;
                return Err(if at_end {
                    FileError::Truncated { format }
                } else {
                    FileError::Damaged {
                        format,
                        detail: format!(
                            "the XML is not well formed near byte {}: {e}",
                            reader.error_position()
                        ),
                    }
                });
            }
        };
        match event {
            Event::Start(e) => {
                flush(&mut pending, &path, visitor);
                path.push(lower_local_name(&e));
                visitor.start(&path, &|name| attribute(&e, name));
            }
            Event::Empty(e) => {
                flush(&mut pending, &path, visitor);
                path.push(lower_local_name(&e));
                visitor.start(&path, &|name| attribute(&e, name));
                visitor.end(&path);
                path.pop();
            }
            Event::End(_) => {
                flush(&mut pending, &path, visitor);
                if path.is_empty() {
                    return Err(FileError::Damaged {
                        format,
                        detail: "an element closes that was never opened".into(),
                    });
                }
                visitor.end(&path);
                path.pop();
            }
            Event::Text(t) => pending.push_str(&t),
            Event::CData(t) => pending.push_str(t.as_ref()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => pending.push(c),
                _ => pending.push_str(match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }),
            },
            Event::Eof => {
                return if path.is_empty() {
                    Ok(())
                } else {
                    Err(FileError::Truncated { format })
                };
            }
            _ => {}
        }
    }
}

/// Whether `path` ends with `tail` (all lower case).
pub(crate) fn ends_with(path: &[String], tail: &[&str]) -> bool {
    path.len() >= tail.len()
        && path
            .iter()
            .rev()
            .zip(tail.iter().rev())
            .all(|(a, b)| a == b)
}

/// Whether `name` is anywhere in `path`.
pub(crate) fn inside(path: &[String], name: &str) -> bool {
    path.iter().any(|p| p == name)
}

/// A number from text; `None` if it is not one or not finite.
pub(crate) fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Attributes(Vec<String>);

    impl Visitor for Attributes {
        fn start(&mut self, _: &[String], attribute: &dyn Fn(&str) -> Option<String>) {
            self.0.extend(attribute("name"));
        }
        fn text(&mut self, _: &[String], _: &str) {}
        fn end(&mut self, _: &[String]) {}
    }

    #[test]
    fn attribute_values_are_unescaped() {
        let mut seen = Attributes(Vec::new());
        walk(
            br#"<gpx name="Run &amp; Ride"><trk name="52&#46;5"/></gpx>"#,
            FileFormat::Gpx,
            &mut seen,
        )
        .unwrap();
        assert_eq!(seen.0, ["Run & Ride", "52.5"]);
    }
}
