// Globals of ladder's built-in page scripts, for `npm run check-scripts` (tsc --checkJs).

/** Where ladder puts the quiz's compiled data (src/quiz/page.rs `DATA_TOKEN`). */
declare const __LADDER_QUIZ_DATA__: any;
