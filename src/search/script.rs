//! The one script minifier (the search script and every other script ladder writes), with local
//! names shortened. (minify-html runs the same minifier but drops the mangler's names.)

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
