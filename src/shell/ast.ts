// The syntax tree of the shell subset that step scripts are simulated with (parse.ts
// builds it, interpreter.ts walks it). Constructs the simulator does not run (loops, case,
// functions, background jobs) still get nodes, so the rest of a script around them runs.

/** Piece of a word; `quoted` parts are never split into fields. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  /** `$NAME`, `${NAME}`, `${NAME:-word}`, `${#NAME}`, `$?`, `$1`, `${NAME[i]}`, `${NAME[@]}`... */
  | {
      kind: 'parameter';
      name: string;
      op: ParameterOp;
      argument: Word | undefined;
      quoted: boolean;
      /** `${NAME[...]}`: an arithmetic index, or every element (`@`, `*`). */
      subscript?: Word | '@' | '*';
      /** The replacement of `${NAME/pattern/replacement}`, the length of `${NAME:offset:length}`. */
      second?: Word;
    }
  /**
   * A Tekton variable such as `$(params.x)`: `index` into the program's reference list.
   * `literal`: written inside single quotes or a quoted heredoc, where the text Tekton leaves
   * unfilled stays text instead of becoming a command substitution.
   */
  | { kind: 'reference'; index: number; text: string; quoted: boolean; literal?: true }
  /** `$(commands)` or backquotes: the commands' output, trailing newlines removed. */
  | { kind: 'command'; body: CommandList; quoted: boolean }
  /** `$((expression))`: the expression's `$` expansions, then integer arithmetic. */
  | { kind: 'arithmetic'; expression: Word; quoted: boolean }
  /** bash's `<(commands)`: the path of a virtual file holding the commands' output. */
  | { kind: 'process'; body: CommandList; quoted: boolean }
  /** An expansion we do not evaluate (`>(...)`, or `<(...)` in sh): expands to nothing. */
  | { kind: 'unsupported'; quoted: boolean };

/**
 * `''` plain; `length` for `${#NAME}` (`${#NAME[@]}`: how many elements); `indices` for
 * `${!NAME[@]}`; `indirect` for `${!NAME}`; the POSIX default/alternative forms; the
 * pattern forms (parameter-ops.ts: trimming `#` `##` `%` `%%`, replacement `/` `//` `/#` `/%`,
 * case `^^` `^` `,,` `,`, `substring` for `${NAME:offset:length}`); `other` for a form we do
 * not evaluate, which expands to the plain value.
 */
export type ParameterOp =
  | ''
  | 'length'
  | 'indices'
  | 'indirect'
  | PatternOp
  | ':-'
  | '-'
  | ':='
  | '='
  | ':+'
  | '+'
  | ':?'
  | '?'
  | 'other';

/** The forms of `${NAME...}` that parameter-ops.ts evaluates over the value. */
export type PatternOp =
  | '#'
  | '##'
  | '%'
  | '%%'
  | '/'
  | '//'
  | '/#'
  | '/%'
  | '^^'
  | '^'
  | ',,'
  | ','
  | 'substring';

export interface Word {
  parts: WordPart[];
  /** The final text when the word has no expansions (most words): used as is, unsplit. */
  literal: string | undefined;
  /** An assignment-like argument of `export`/`local`/`readonly`: expanded without splitting. */
  noSplit?: boolean;
  /** `NAME=(a b c)`: the words of the array, which follow the word's `NAME=` text. */
  arrayElements?: Word[];
}

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '<>' | '<<' | '<<<' | '&>' | '&>>';

export interface Redirect {
  /** The file descriptor redirected; 1 for `&>`. */
  fd: number;
  op: RedirectOp;
  target: Word;
  /** For `<<`: the body, read after the line that holds the operator. */
  heredoc?: { body: Word | undefined };
}

export interface Assignment {
  name: string;
  value: Word;
  /** `NAME+=value` */
  append: boolean;
  /** `NAME[index]=value`: the element's arithmetic index. */
  subscript?: Word;
  /** `NAME=(a b c)`: a bash indexed array, its elements expanded and split as arguments are. */
  elements?: Word[];
}

export type ConditionExpression =
  | { kind: 'and' | 'or'; left: ConditionExpression; right: ConditionExpression }
  | { kind: 'not'; operand: ConditionExpression }
  | { kind: 'unary'; op: string; operand: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  | { kind: 'word'; word: Word };

export type Command =
  | {
      kind: 'simple';
      assignments: Assignment[];
      words: Word[];
      redirects: Redirect[];
      /** Set when every word is literal: the argument vector, computed once. */
      literalArgv: string[] | undefined;
    }
  | {
      kind: 'if';
      clauses: { condition: CommandList; body: CommandList }[];
      otherwise: CommandList | undefined;
      redirects: Redirect[];
    }
  | { kind: 'group'; body: CommandList; subshell: boolean; redirects: Redirect[] }
  | { kind: 'condition'; expression: ConditionExpression; redirects: Redirect[] }
  /** `for NAME in WORDS; do ...; done`; without `in`, the positional parameters. */
  | {
      kind: 'for';
      name: string;
      items: Word[] | undefined;
      body: CommandList;
      redirects: Redirect[];
    }
  /** `while` and `until` loops. */
  | {
      kind: 'while';
      until: boolean;
      condition: CommandList;
      body: CommandList;
      redirects: Redirect[];
    }
  | { kind: 'case'; subject: Word; arms: CaseArm[]; redirects: Redirect[] }
  /** `name() { ...; }`: defines the function when it runs. */
  | { kind: 'function'; name: string; body: Command; redirects: Redirect[] }
  /** `(( expression ))`: true when the expression is not 0. */
  | { kind: 'arithmetic'; expression: Word; redirects: Redirect[] }
  | { kind: 'unsupported'; construct: string; redirects: Redirect[] };

export interface CaseArm {
  patterns: Word[];
  body: CommandList;
  /** `;;` ends the case, `;&` runs the next body too, `;;&` tests the next patterns. */
  terminator: ';;' | ';&' | ';;&';
}

export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface CommandList {
  items: AndOr[];
}
