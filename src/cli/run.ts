/**
 * `tdcheck`: the command-line door to the engine. Every failure becomes one clear line and an
 * exit code (0 clean, 1 errors, 2 unusable input); nothing escapes as a stack trace.
 */
import { Command, CommanderError, Option } from "commander";
import type { Lang } from "../core/messages";
import { EXIT, runCheck } from "./checkCommand";
import { runDetect } from "./detectCommand";
import type { CliIo } from "./io";

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
    .description("check the target tables in .xlsx files (exit 0 clean, 1 errors, 2 unusable input)")
    .argument("<file>", ".xlsx workbook")
    .option("--sheet <name>", "only check this sheet")
    .option("--map <map.json>", "use this table map (from `tdcheck detect --format json`, corrected) instead of detection")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--annotate <out.xlsx>", "write a copy with the flagged cells marked (the input is never modified)")
    .option("--strict", "also fail (exit 1) on warnings", false)
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default(defaultLang()))
    .action((file: string, opts: { sheet?: string; map?: string; format: "text" | "json"; annotate?: string; strict: boolean; lang: Lang }) => {
      code = runCheck(file, opts, io);
    });

  program
    .command("detect")
    .description("show what was detected: tables, parents, children, indicator kinds (--format json gives a map for --map)")
    .argument("<file>", ".xlsx workbook")
    .option("--sheet <name>", "only this sheet")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default(defaultLang()))
    .action((file: string, opts: { sheet?: string; format: "text" | "json"; lang: Lang }) => {
      code = runDetect(file, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.clean;
      return EXIT.unusable; // commander has already printed its one-line message
    }
    io.stderr(`tdcheck: ${(e as Error).message ?? String(e)}\n`);
    return EXIT.unusable;
  }
}
