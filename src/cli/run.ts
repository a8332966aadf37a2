/**
 * `tdcheck`: the command-line door to the engine. Every failure becomes one clear line and an
 * exit code (0 clean, 1 errors, 2 unusable input); nothing escapes as a stack trace.
 */
import { Command, CommanderError, Option } from "commander";
import type { Lang } from "../core/messages";
import { EXIT, runCheck, type CheckOptions } from "./checkCommand";
import { runDetect, type DetectOptions } from "./detectCommand";
import { forPeople, oneLine, type CliIo } from "./io";
import { runRebalance, type RebalanceOptions } from "./rebalanceCommand";

function defaultLang(): Lang {
  const env = (typeof process !== "undefined" && (process.env.TDCHECK_LANG || "")) || "";
  return env.toLowerCase().startsWith("en") ? "en" : "zh";
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.clean;
  const program = new Command("tdcheck")
    .description("指标分解校核 · Target Decomposition Check — checks that target splits add up")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError(false);

  program
    .command("check")
    .description("check the target tables in .xlsx files (exit 0 clean, 1 errors, 2 any input unusable)")
    .argument(
      "<files...>",
      ".xlsx workbooks, or folders of them (each folder's .xlsx files, not its subfolders)",
    )
    .option("--sheet <name>", "only check this sheet")
    .option(
      "--map <map.json>",
      "use this table map (from `tdcheck detect --format json`, corrected) instead of detection",
    )
    .addOption(
      new Option("--format <format>", "output format (csv: findings for Excel, UTF-8 with BOM)")
        .choices(["text", "json", "csv"])
        .default("text"),
    )
    .option(
      "--annotate <out>",
      "write a copy with the flagged cells marked (the input is never modified); a folder when several files are checked",
    )
    .option(
      "--report <out>",
      "write a copy with an audit report sheet 审核报告 added; a folder when several files are checked",
    )
    .option("--preparer <name>", "填表人, shown on the audit report")
    .option("--reviewer <name>", "审核人, shown on the audit report")
    .option(
      "--max-cells <n>",
      "most cells with values or formulas to read (default 10,000,000; empty styled cells do not count)",
    )
    .option("--strict", "also fail (exit 1) on warnings", false)
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default(defaultLang()))
    .action(async (files: string[], opts: CheckOptions) => {
      code = await runCheck(files, opts, forPeople(io, opts.format));
    });

  program
    .command("detect")
    .description(
      "show what was detected: tables, parents, children, indicator kinds (--format json gives a map for --map)",
    )
    .argument("<file>", ".xlsx workbook")
    .option("--sheet <name>", "only this sheet")
    .option(
      "--max-cells <n>",
      "most cells with values or formulas to read (default 10,000,000; empty styled cells do not count)",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default(defaultLang()))
    .action((file: string, opts: DetectOptions) => {
      code = runDetect(file, opts, forPeople(io, opts.format));
    });

  const collect = (value: string, previous: string[]): string[] => [...previous, value];
  program
    .command("rebalance")
    .description(
      "make one indicator's split add up and write the result to a copy (exit 0 written, 1 refused, 2 bad input)",
    )
    .argument("<file>", ".xlsx workbook (never modified)")
    .option("--sheet <name>", "the sheet holding the table")
    .requiredOption("--indicator <text>", "the indicator: its name or a unique part of it")
    .option("--target <n>", "the parent's new total (default: the parent's stated value)")
    .addOption(
      new Option("--method <method>", "how the free children absorb the change").choices([
        "proportional",
        "equal",
        "reference",
        "minimal-change",
      ]),
    )
    .option("--reference <row>", "reference row (base year, GDP, any factor) for --method reference")
    .option("--weights <row>", "denominator row of a ratio indicator, or minimal-change weights")
    .option("--parent <name>", "the parent of the split (a city in a three-level table)")
    .option("--edit <unit=value>", "set one child and keep the total")
    .addOption(
      new Option("--fix <what>", "keep the children and set the parent to their sum").choices(["parent"]),
    )
    .addOption(
      new Option("--zero-base <policy>", "spread the rest equally over zero-base children").choices([
        "equal",
      ]),
    )
    .option("--lock <unit>", "keep this child's value (repeatable)", collect, [])
    .option("--min <unit=value>", "lower bound for a child (repeatable)", collect, [])
    .option("--max <unit=value>", "upper bound for a child (repeatable)", collect, [])
    .option("--step <s>", "rounding grid (default: the indicator's own decimals; counts 1)")
    .requiredOption("--out <out.xlsx>", "where to write the rebalanced copy")
    .option("--overwrite-formulas", "replace formulas in the cells to write", false)
    .option("--by <name>", "who applies the change, for the copy's change trail (填表人)")
    .option(
      "--max-cells <n>",
      "most cells with values or formulas to read (default 10,000,000; empty styled cells do not count)",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default(defaultLang()))
    .action((file: string, opts: RebalanceOptions) => {
      code = runRebalance(file, opts, forPeople(io, opts.format));
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.version" ||
        e.code === "commander.help"
      )
        return EXIT.clean;
      return EXIT.unusable; // commander has already printed its one-line message
    }
    io.stderr(oneLine(`tdcheck: ${(e as Error).message ?? String(e)}\n`));
    return EXIT.unusable;
  }
}
