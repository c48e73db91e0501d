//! Spans for YAML nodes, from an event scan that never expands aliases.
//!
//! The fast parse keeps no positions. When a file has findings, [`Tree::parse`] rebuilds a
//! light tree of byte spans from `saphyr-parser` events and [`Tree::find`] walks a JSON
//! pointer (`/minutes/attendees/2/person`) to the node, so a schema error or a broken
//! reference underlines the exact value, and an unexpected key underlines the key.
//! saphyr's markers count characters; we convert them to byte offsets here.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, Span};

use super::{Problem, ProblemKind};

/// A half-open byte range of the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

/// Converts saphyr's character indices to byte offsets.
struct Offsets<'a> {
    text: &'a str,
    /// Byte offset of every character, when the text is not ASCII.
    table: Option<Vec<usize>>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(b, _)| b).collect());
        Offsets { text, table }
    }
    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.text.len()),
            Some(t) => t.get(char_index).copied().unwrap_or(self.text.len()),
        }
    }
    fn span(&self, s: Span) -> ByteSpan {
        ByteSpan {
            start: self.byte(s.start.index()),
            end: self.byte(s.end.index()),
        }
    }
}

/// A YAML node with its span.
#[derive(Debug)]
pub enum Node {
    Scalar(ByteSpan),
    Seq(ByteSpan, Vec<Node>),
    /// Entries: key text, key span, value.
    Map(ByteSpan, Vec<(String, ByteSpan, Node)>),
}

impl Node {
    fn span(&self) -> ByteSpan {
        match self {
            Node::Scalar(s) | Node::Seq(s, _) | Node::Map(s, _) => *s,
        }
    }
}

/// Deep enough for any record (the deepest, a plan, nests six levels); deeper input is
/// refused (R-YAML-9) before the parser sees it rather than risk its time and the stack.
pub const MAX_DEPTH: usize = 64;

/// The span tree of a document.
pub struct Tree {
    root: Node,
}

/// Where a JSON pointer lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The value's span.
    pub value: ByteSpan,
    /// The key that holds it, when the value is a mapping entry.
    pub key: Option<ByteSpan>,
    /// Whether the value is a scalar.
    pub scalar: bool,
}

struct Builder<'t, 'a> {
    events: Parser<'t, saphyr_parser::StrInput<'t>>,
    off: &'a Offsets<'t>,
}

impl Builder<'_, '_> {
    fn next(&mut self) -> Option<(Event<'_>, Span)> {
        self.events.next()?.ok()
    }

    /// Build the node that starts with `ev`.
    fn node(&mut self, ev: Event<'_>, span: Span, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.off.span(span);
        match ev {
            Event::Scalar(..) | Event::Alias(_) => Some(Node::Scalar(start)),
            Event::SequenceStart(..) => {
                let mut items = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    if let Event::SequenceEnd = ev {
                        let end = self.off.span(span).end.max(start.end);
                        return Some(Node::Seq(
                            ByteSpan {
                                start: start.start,
                                end,
                            },
                            items,
                        ));
                    }
                    let ev = owned(ev);
                    items.push(self.node(ev, span, depth + 1)?);
                }
            }
            Event::MappingStart(..) => {
                let mut entries = Vec::new();
                loop {
                    let (ev, kspan) = self.next()?;
                    let key = match ev {
                        Event::MappingEnd => {
                            let end = self.off.span(kspan).end.max(start.end);
                            return Some(Node::Map(
                                ByteSpan {
                                    start: start.start,
                                    end,
                                },
                                entries,
                            ));
                        }
                        Event::Scalar(v, ..) => v.into_owned(),
                        other => {
                            // A complex key: keep its span, give it no name.
                            let other = owned(other);
                            self.node(other, kspan, depth + 1)?;
                            String::new()
                        }
                    };
                    let (ev, vspan) = self.next()?;
                    let ev = owned(ev);
                    let value = self.node(ev, vspan, depth + 1)?;
                    entries.push((key, self.off.span(kspan), value));
                }
            }
            _ => None,
        }
    }
}

/// Detach an event from the parser's borrow (scalars are the only borrowed data).
fn owned(ev: Event<'_>) -> Event<'static> {
    match ev {
        Event::Scalar(v, style, anchor, tag) => Event::Scalar(
            Cow::Owned(v.into_owned()),
            style,
            anchor,
            tag.map(|t| Cow::Owned(t.into_owned())),
        ),
        Event::SequenceStart(a, t) => {
            Event::SequenceStart(a, t.map(|t| Cow::Owned(t.into_owned())))
        }
        Event::MappingStart(a, t) => Event::MappingStart(a, t.map(|t| Cow::Owned(t.into_owned()))),
        Event::Alias(a) => Event::Alias(a),
        Event::SequenceEnd => Event::SequenceEnd,
        Event::MappingEnd => Event::MappingEnd,
        Event::StreamStart => Event::StreamStart,
        Event::StreamEnd => Event::StreamEnd,
        Event::DocumentStart(b) => Event::DocumentStart(b),
        Event::DocumentEnd => Event::DocumentEnd,
        Event::Nothing => Event::Nothing,
    }
}

impl Tree {
    /// The span tree of the first document of `text`, if it parses.
    pub fn parse(text: &str) -> Option<Tree> {
        let off = Offsets::new(text);
        let mut b = Builder {
            events: Parser::new_from_str(text),
            off: &off,
        };
        loop {
            let (ev, span) = b.next()?;
            match ev {
                Event::StreamStart | Event::DocumentStart(_) => continue,
                Event::StreamEnd => return None,
                ev => {
                    let ev = owned(ev);
                    return b.node(ev, span, 0).map(|root| Tree { root });
                }
            }
        }
    }

    /// The node at a JSON pointer (RFC 6901).
    pub fn find(&self, pointer: &str) -> Option<Found> {
        let mut node = &self.root;
        let mut key = None;
        if !pointer.is_empty() {
            for raw in pointer.strip_prefix('/')?.split('/') {
                let part = raw.replace("~1", "/").replace("~0", "~");
                match node {
                    Node::Map(_, entries) => {
                        let (_, kspan, v) = entries.iter().find(|(k, _, _)| *k == part)?;
                        key = Some(*kspan);
                        node = v;
                    }
                    Node::Seq(_, items) => {
                        node = items.get(part.parse::<usize>().ok()?)?;
                        key = None;
                    }
                    Node::Scalar(_) => return None,
                }
            }
        }
        Some(Found {
            value: node.span(),
            key,
            scalar: matches!(node, Node::Scalar(_)),
        })
    }

    /// The span of the deepest node on the way to `pointer` that exists.
    pub fn nearest(&self, pointer: &str) -> Found {
        let mut p = pointer.to_string();
        loop {
            if let Some(f) = self.find(&p) {
                return f;
            }
            match p.rfind('/') {
                Some(i) => p.truncate(i),
                None => return self.find("").expect("root exists"),
            }
        }
    }
}

/// Every anchor, alias and tag in `text`, found by events alone (nothing is expanded).
pub fn forbidden_nodes(text: &str) -> Vec<Problem> {
    let off = Offsets::new(text);
    let mut out = Vec::new();
    let push = |out: &mut Vec<Problem>, rule, kind, span: Span| {
        out.push(Problem {
            rule,
            warning: false,
            kind,
            span: Some(off.span(span)),
            related: None,
        });
    };
    for item in Parser::new_from_str(text) {
        let Ok((ev, span)) = item else { break };
        let (anchor, tag) = match &ev {
            Event::Alias(_) => {
                push(&mut out, "R-YAML-3", ProblemKind::Alias, span);
                continue;
            }
            Event::Scalar(_, _, a, t) => (*a, t.as_ref()),
            Event::SequenceStart(a, t) | Event::MappingStart(a, t) => (*a, t.as_ref()),
            _ => continue,
        };
        if anchor != 0 {
            push(&mut out, "R-YAML-3", ProblemKind::Anchor, span);
        }
        if let Some(t) = tag {
            push(
                &mut out,
                "R-YAML-4",
                ProblemKind::Tag {
                    tag: format!("{}{}", t.handle, t.suffix),
                },
                span,
            );
        }
        if out.len() >= 100 {
            break;
        }
    }
    out
}

/// Where the nesting of collections first goes past `limit`, found by events alone and
/// stopping there, so a file of 100,000 `[` costs what its first `limit` levels cost.
pub fn too_deep(text: &str, limit: usize) -> Option<ByteSpan> {
    let off = Offsets::new(text);
    let mut depth = 0usize;
    for item in Parser::new_from_str(text) {
        let Ok((ev, span)) = item else { return None };
        match ev {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > limit {
                    return Some(off.span(span));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The first key that appears twice in one mapping: (first, second, key).
pub fn first_duplicate(text: &str) -> Option<(ByteSpan, ByteSpan, String)> {
    fn walk(node: &Node) -> Option<(ByteSpan, ByteSpan, String)> {
        match node {
            Node::Scalar(_) => None,
            Node::Seq(_, items) => items.iter().find_map(walk),
            Node::Map(_, entries) => {
                // A hash of the keys seen: a mapping of 100,000 keys is linear, not quadratic.
                let mut seen = std::collections::HashMap::with_capacity(entries.len());
                for (k, span, _) in entries {
                    if let Some(first) = seen.insert(k.as_str(), *span) {
                        return Some((first, *span, k.clone()));
                    }
                }
                entries.iter().find_map(|(_, _, v)| walk(v))
            }
        }
    }
    walk(&Tree::parse(text)?.root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_land_on_values_and_keys() {
        let src = "id: ESF-PC\nنام: کمیته\nmemberships:\n  - person: ESF-P-001\n    role: chair\n";
        let t = Tree::parse(src).unwrap();
        let f = t.find("/memberships/0/person").unwrap();
        assert_eq!(&src[f.value.start..f.value.end], "ESF-P-001");
        assert_eq!(&src[f.key.unwrap().start..f.key.unwrap().end], "person");
        assert!(f.scalar);
        assert!(t.find("/memberships/1").is_none());
        let n = t.nearest("/memberships/0/nothing/here");
        assert!(!n.scalar);
    }

    #[test]
    fn quoted_persian_values() {
        let src = "a: \"تصویب برنامه\"\nb: x\n";
        let t = Tree::parse(src).unwrap();
        let f = t.find("/b").unwrap();
        assert_eq!(&src[f.value.start..f.value.end], "x");
    }
}
