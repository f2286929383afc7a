//! The positioned document tree both readers ([`super::full`] and [`super::fast`]) produce,
//! and the lookup of a record path such as `credentials[3].settings[1]` in it.

use std::borrow::Cow;

/// A node with the 1-based line and column (in characters) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub line: u32,
    pub col: u32,
    pub kind: Kind<'a>,
}

/// What a node holds. Scalars keep their text unresolved: whether `12` is a number or text
/// is decided by the type it is read into (see [`super::de`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a> {
    /// `plain` is false for quoted and block scalars (and `!!str`): those are always text.
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    Seq(Vec<Node<'a>>),
    /// Pairs in document order; duplicate keys are already removed (and reported).
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// A node at `line`:`col`.
    pub fn new(line: usize, col: usize, kind: Kind<'a>) -> Self {
        Node {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
            kind,
        }
    }

    /// The node moved to `(line, col)`.
    pub fn at(self, (line, col): (usize, usize)) -> Self {
        Node::new(line, col, self.kind)
    }

    /// Line and column.
    pub fn pos(&self) -> (usize, usize) {
        (self.line as usize, self.col as usize)
    }

    /// The scalar text, if this is a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Whether this is a null: a plain `~`, `null` (any case YAML allows) or nothing.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true } if is_null(text))
    }

    /// A copy that owns its text (for keeping beyond the source's borrow).
    pub fn into_owned(self) -> Node<'static> {
        let kind = match self.kind {
            Kind::Scalar { text, plain } => Kind::Scalar {
                text: Cow::Owned(text.into_owned()),
                plain,
            },
            Kind::Seq(items) => Kind::Seq(items.into_iter().map(Node::into_owned).collect()),
            Kind::Map(pairs) => Kind::Map(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            ),
        };
        Node {
            line: self.line,
            col: self.col,
            kind,
        }
    }

    /// Number of nodes in this subtree, keys included.
    pub fn weight(&self) -> usize {
        1 + match &self.kind {
            Kind::Scalar { .. } => 0,
            Kind::Seq(items) => items.iter().map(Node::weight).sum(),
            Kind::Map(pairs) => pairs.iter().map(|(k, v)| k.weight() + v.weight()).sum(),
        }
    }

    /// Levels of nesting below this node (0 for a scalar).
    pub fn height(&self) -> usize {
        match &self.kind {
            Kind::Scalar { .. } => 0,
            Kind::Seq(items) => 1 + items.iter().map(Node::height).max().unwrap_or(0),
            Kind::Map(pairs) => {
                1 + pairs
                    .iter()
                    .map(|(k, v)| k.height().max(v.height()))
                    .max()
                    .unwrap_or(0)
            }
        }
    }

    /// The position of the node at `path` (`key`, `[index]`, joined with `.`), else of the
    /// nearest enclosing node that exists.
    pub fn find(&self, path: &str) -> (usize, usize) {
        let mut node = self;
        for step in steps(path) {
            let next = match (&node.kind, step) {
                (Kind::Seq(items), Step::Index(i)) => items.get(i),
                (Kind::Map(pairs), Step::Key(k)) => pairs
                    .iter()
                    .find(|(key, _)| key.scalar() == Some(k))
                    .map(|(_, v)| v),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.pos()
    }
}

/// Whether plain scalar text is a YAML 1.2 null.
pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

/// The steps of a path such as `a.b[2].c` (an unparsable index ends the path).
fn steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    let mut rest = path;
    std::iter::from_fn(move || {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if rest.is_empty() {
            return None;
        }
        if let Some(r) = rest.strip_prefix('[') {
            let (index, after) = r.split_once(']')?;
            rest = after;
            return index.parse().ok().map(Step::Index);
        }
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let (key, after) = rest.split_at(end);
        rest = after;
        Some(Step::Key(key))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(line: usize, col: usize, text: &str) -> Node<'_> {
        Node::new(
            line,
            col,
            Kind::Scalar {
                text: text.into(),
                plain: true,
            },
        )
    }

    #[test]
    fn finds_paths_and_falls_back_to_ancestors() {
        let tree = Node::new(
            1,
            1,
            Kind::Map(vec![(
                scalar(1, 1, "items"),
                Node::new(
                    2,
                    3,
                    Kind::Seq(vec![Node::new(
                        2,
                        5,
                        Kind::Map(vec![(scalar(2, 5, "id"), scalar(2, 9, "a"))]),
                    )]),
                ),
            )]),
        );
        assert_eq!(tree.find("items[0].id"), (2, 9));
        assert_eq!(tree.find("items[0].missing"), (2, 5));
        assert_eq!(tree.find("items[7]"), (2, 3));
        assert_eq!(tree.find("items[x].id"), (2, 3));
        assert_eq!(tree.find(""), (1, 1));
        assert_eq!(tree.weight(), 6);
        assert_eq!(tree.height(), 3);
    }
}
