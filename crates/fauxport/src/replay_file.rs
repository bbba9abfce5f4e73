//! `serve --from FILE`: the recording as a file, for the generator's replay index
//! ([`fauxport_gen::replay`]), which does no I/O of its own. Rows are read back by offset: with
//! `pread` where the platform has it (no shared cursor), else under a lock with seek and read.

use std::fs::File;
use std::io::{self, BufReader};
use std::path::Path;

use fauxport_gen::replay::{Problem, ReplayFile, RowStore};

/// Indexes the recording at `path`; a line over `max_line_bytes` is a problem line.
pub(crate) fn open(path: &Path, max_line_bytes: u64) -> io::Result<(ReplayFile, Vec<Problem>)> {
    let file = File::open(path)?;
    let reader = BufReader::with_capacity(1 << 20, file.try_clone()?);
    ReplayFile::index(reader, Box::new(FileStore::new(file)), max_line_bytes)
}

#[derive(Debug)]
struct FileStore {
    #[cfg(unix)]
    file: File,
    #[cfg(not(unix))]
    file: std::sync::Mutex<File>,
}

impl FileStore {
    fn new(file: File) -> FileStore {
        FileStore {
            #[cfg(unix)]
            file,
            #[cfg(not(unix))]
            file: std::sync::Mutex::new(file),
        }
    }
}

impl RowStore for FileStore {
    #[cfg(unix)]
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, offset)
    }

    #[cfg(not(unix))]
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_back_from_the_file_at_their_offsets() {
        let dir = std::env::temp_dir().join(format!("fauxport-replay-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp folder");
        let path = dir.join("rec.ndjson");
        std::fs::write(&path, b"abc\ndefgh\n").expect("written");
        let store = FileStore::new(File::open(&path).expect("open"));
        let mut buf = [0u8; 5];
        store.read_exact_at(&mut buf, 4).expect("in range");
        assert_eq!(&buf, b"defgh");
        assert!(store.read_exact_at(&mut buf, 8).is_err(), "past the end");
        std::fs::remove_dir_all(&dir).expect("removed");
    }
}
