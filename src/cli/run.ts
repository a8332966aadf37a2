/**
 * `tdcheck`: the command-line door to the engine. Every failure becomes one clear line and an
 * exit code (0 clean, 1 errors, 2 unusable input); nothing escapes as a stack trace. Help and
 * messages follow one language rule (cliLang.ts), commander's own words included.
 */
import { Command, CommanderError, Help, Option } from "commander";
import type { Lang } from "../core/messages";
import { runCheck } from "./checkCommand";
import { EXIT, type CheckOptions } from "./checkFile";
import { chooseLang, type Env } from "./cliLang";
import { runDetect, type DetectOptions } from "./detectCommand";
import { HELP } from "./helpText";
import { forPeople, oneLine, type CliIo } from "./io";
import { displayWidth } from "./width";
import { runRebalance, type RebalanceOptions } from "./rebalanceCommand";
import { commanderMessage, USAGE_TEXT } from "./usageText";

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const env: Env = io.env ?? {};
  const lang: Lang = chooseLang(argv, env, io.locale);
  const words = HELP[lang];
  let code: number = EXIT.clean;
  const headings: Record<string, string> = {
    "Usage:": words.usage,
    "Options:": words.options,
    "Commands:": words.commands,
    "Arguments:": words.arguments,
  };
  const terms = (text: string) =>
    text.replace("[options]", words.optionsTerm).replace("[command]", words.commandTerm);
  const help = {
    styleTitle: (title: string) => headings[title] ?? title,
    // CJK characters take two columns: descriptions line up and wrap by what the terminal shows.
    displayWidth: (text: string) => displayWidth(text),
    styleUsage: terms,
    subcommandTerm(this: Help, cmd: Command) {
      return terms(Help.prototype.subcommandTerm.call(this, cmd));
    },
    // The extra facts of an option (its choices, its default) in the reader's language.
    optionDescription: (option: Option) => {
      const extra: string[] = [];
      if (option.argChoices) extra.push(`${words.choices}: ${option.argChoices.join(", ")}`);
      const given = option.defaultValue;
      if (
        given !== undefined &&
        !(Array.isArray(given) && given.length === 0) &&
        (option.required || option.optional)
      )
        extra.push(`${words.default}: ${String(given)}`);
      if (!extra.length) return option.description;
      return USAGE_TEXT[lang].withFacts(option.description, extra);
    },
  } satisfies Partial<Help>;
  const setUp = (cmd: Command): Command =>
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout(s),
        writeErr: (s) => io.stderr(s),
        outputError: (message, write) => write(oneLine(`tdcheck: ${commanderMessage(message, lang)}\n`)),
      })
      .configureHelp(help)
      .helpOption("-h, --help", words.help)
      .showHelpAfterError(false);
  const langOption = () =>
    new Option(`--lang ${words.arg.lang}`, words.lang).choices(["zh", "en"]).default(lang);

  const program = setUp(new Command("tdcheck"))
    .description(words.program)
    .version("0.1.0", "-V, --version", words.version)
    .helpCommand("help [command]", words.helpCommand);

  const a = words.arg;
  const c = words.check;
  setUp(program.command("check"))
    .description(c.description)
    .argument(`<${a.files}>`, c.files)
    .option(`--sheet ${a.name}`, c.sheet)
    .option(`--map ${a.map}`, c.map)
    .addOption(new Option(`--format ${a.format}`, c.format).choices(["text", "json", "csv"]).default("text"))
    .option(`--annotate ${a.out}`, c.annotate)
    .option(`--report ${a.out}`, c.report)
    .option(`--preparer ${a.person}`, c.preparer)
    .option(`--reviewer ${a.person}`, c.reviewer)
    .option("--strict", c.strict, false)
    .option(`--jobs ${a.n}`, c.jobs)
    .option(`--max-cells ${a.n}`, words.maxCells)
    .option(`--soffice ${a.program}`, words.soffice)
    .addOption(langOption())
    .action(async (files: string[], opts: CheckOptions) => {
      code = await runCheck(files, opts, forPeople(io, opts.format));
    });

  const d = words.detect;
  setUp(program.command("detect"))
    .description(d.description)
    .argument(`<${a.file}>`, d.file)
    .option(`--sheet ${a.name}`, d.sheet)
    .option(`--max-cells ${a.n}`, words.maxCells)
    .option(`--soffice ${a.program}`, words.soffice)
    .addOption(new Option(`--format ${a.format}`, d.format).choices(["text", "json"]).default("text"))
    .addOption(langOption())
    .action(async (file: string, opts: DetectOptions) => {
      code = await runDetect(file, opts, forPeople(io, opts.format));
    });

  const collect = (value: string, previous: string[]): string[] => [...previous, value];
  const r = words.rebalance;
  setUp(program.command("rebalance"))
    .description(r.description)
    .argument(`<${a.file}>`, r.file)
    .option(`--sheet ${a.name}`, r.sheet)
    .requiredOption(`--indicator ${a.text}`, r.indicator)
    .option(`--target ${a.n}`, r.target)
    .addOption(
      new Option(`--method ${a.method}`, r.method).choices([
        "proportional",
        "equal",
        "reference",
        "minimal-change",
      ]),
    )
    .option(`--reference ${a.row}`, r.reference)
    .option(`--weights ${a.row}`, r.weights)
    .option(`--parent ${a.name}`, r.parent)
    .option(`--edit ${a.unitValue}`, r.edit)
    .addOption(new Option(`--fix ${a.what}`, r.fix).choices(["parent"]))
    .addOption(new Option(`--zero-base ${a.policy}`, r.zeroBase).choices(["equal"]))
    .option(`--lock ${a.unit}`, r.lock, collect, [])
    .option(`--min ${a.unitValue}`, r.min, collect, [])
    .option(`--max ${a.unitValue}`, r.max, collect, [])
    .option(`--step ${a.step}`, r.step)
    .option(`--out ${a.xlsx}`, r.out)
    .option("--overwrite-formulas", r.overwriteFormulas, false)
    .option(`--by ${a.person}`, r.by)
    .option(`--max-cells ${a.n}`, words.maxCells)
    .option(`--soffice ${a.program}`, words.soffice)
    .addOption(new Option(`--format ${a.format}`, r.format).choices(["text", "json"]).default("text"))
    .addOption(langOption())
    .action(async (file: string, opts: RebalanceOptions) => {
      code = await runRebalance(file, opts, forPeople(io, opts.format));
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
      return EXIT.unusable; // the one-line message is already out (outputError above)
    }
    io.stderr(oneLine(`tdcheck: ${(e as Error).message ?? String(e)}\n`));
    return EXIT.unusable;
  }
}
