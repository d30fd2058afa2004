//! Pay by state as an SVG tile map.
