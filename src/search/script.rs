//! The search script, minified once per build with local names shortened. (minify-html runs the
//! same minifier but drops the mangler's names; the script is on every page, so they count.)

use std::sync::OnceLock;

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// `code` minified, or `None` when it does not parse.
pub fn minify(code: &str) -> Option<String> {
    let alloc = Allocator::default();
    let parsed = Parser::new(&alloc, code, SourceType::cjs()).parse();
    if !parsed.errors.is_empty() {
        return None;
    }
    let mut program = parsed.program;
    let options = MinifierOptions { mangle: Some(MangleOptions::default()), compress: Some(CompressOptions::safest()) };
    let ret = Minifier::new(options).minify(&alloc, &mut program);
    let out = Codegen::new().with_options(CodegenOptions::minify()).with_scoping(ret.scoping).build(&program).code;
    Some(out.trim_end().to_string())
}

/// The script for pages: the built-in one minified once per process, a site's own each build;
/// as written if it does not parse (the page then shows the parse error in the console).
pub fn for_page(source: &str, from_site: bool) -> String {
    static BUILTIN: OnceLock<String> = OnceLock::new();
    if from_site {
        return minify(source).unwrap_or_else(|| source.to_string());
    }
    BUILTIN.get_or_init(|| minify(source).unwrap_or_else(|| source.to_string())).clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shortens_locals_and_drops_comments() {
        let out =
            super::minify("(function () {\n  // note\n  var longName = 1;\n  window.x = longName + 1;\n})();").unwrap();
        assert!(!out.contains("longName") && !out.contains("note"), "{out}");
        assert!(super::minify("(function (").is_none());
    }
}
