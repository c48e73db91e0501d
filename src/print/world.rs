//! The typst `World` of one printed document: a closed, in-memory world. Its files are
//! the templates (built in, or the province's own), the document's data as
//! `/data.json` and the letterhead logo; its fonts are the bundled Vazirmatn and the
//! province's own. Nothing is read from disk or the network while typesetting, and the
//! clock is fixed by the document's date, so the same records give the same PDF.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

pub struct PrintWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

/// The id of the file at the absolute virtual path `path` (`/data.json`).
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the built-in virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl PrintWorld {
    /// A world whose main file is `main` (a path among `typ`), with the typst `sources`
    /// by virtual path, other `files` (data, images) by virtual path, and font files.
    pub fn new(
        main: &str,
        sources: Vec<(String, String)>,
        files: Vec<(String, Bytes)>,
        font_files: &[Bytes],
        today: Option<(i32, u8, u8)>,
    ) -> PrintWorld {
        let fonts: Vec<Font> = font_files
            .iter()
            .flat_map(|b| Font::iter(b.clone()))
            .collect();
        let sources = sources
            .into_iter()
            .map(|(p, text)| {
                let id = file_id(&p);
                (id, Source::new(id, text))
            })
            .collect();
        let files = files.into_iter().map(|(p, b)| (file_id(&p), b)).collect();
        PrintWorld {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: file_id(main),
            sources,
            files,
            today: today.and_then(|(y, m, d)| Datetime::from_ymd(y, m, d)),
        }
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.sources.get(&id) {
            Some(s) => Ok(s.clone()),
            None if self.files.contains_key(&id) => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(b) = self.files.get(&id) {
            return Ok(b.clone());
        }
        match self.sources.get(&id) {
            Some(s) => Ok(Bytes::from_string(s.clone())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}
