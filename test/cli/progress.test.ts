/**
 * Progress on a terminal: a line on stderr rewritten in place (files done / total, rows read), only
 * when stderr is a terminal (injected here), never on stdout, and erased before anything else is written.
 */
import * as fs from "fs";
import * as path from "path";
import { buildSplitWorkbook } from "../../bench/splitWorkbook";
import { nodeIo } from "../../src/cli/io";
import { terminalProgress } from "../../src/cli/progress";
import { runCli } from "../../src/cli/run";
import { SAMPLE, tempDir } from "../helpers/cli";

const ERASE = "\r\x1b[K";

/** Both streams into one log, in the order written; `isTTY` as injected. */
function terminal(isTTY: boolean, columns = 100) {
  const log: { stream: "out" | "err"; text: string }[] = [];
  let t = 0;
  const io = nodeIo({
    stdout: { isTTY, columns, write: (text: string) => log.push({ stream: "out", text }) },
    stderr: { isTTY, columns, write: (text: string) => log.push({ stream: "err", text }) },
    // Every call a second later: no update is skipped for coming too soon.
    now: () => (t += 1000),
  });
  const text = (stream: "out" | "err") =>
    log
      .filter((l) => l.stream === stream)
      .map((l) => l.text)
      .join("");
  return { io, log, text };
}

function folder(): string {
  const dir = tempDir();
  for (const name of ["a.xlsx", "b.xlsx", "c.xlsx"]) fs.copyFileSync(SAMPLE, path.join(dir, name));
  return dir;
}

describe("terminalProgress", () => {
  test("nothing at all when the stream is not a terminal", () => {
    expect(terminalProgress({ isTTY: false, write: () => true })).toBeUndefined();
    expect(terminalProgress({ write: () => true })).toBeUndefined();
  });

  test("rewrites one line in place, at most ten times a second, cut to the width, controls shown", () => {
    const writes: string[] = [];
    let now = 0;
    const p = terminalProgress(
      { isTTY: true, columns: 20, write: (t: string) => writes.push(t) },
      () => now,
    )!;
    p.show("已校核 1/3 个文件…");
    now += 50;
    p.show("已校核 2/3 个文件…"); // 50 ms later: skipped
    now += 100;
    p.show("一二三四五六七八九十一二三四五六七八九十");
    p.show("\u001b[31mred");
    now += 100;
    p.show("a\u001b[2Jb");
    p.clear();
    p.clear(); // nothing left to erase
    expect(writes).toEqual([
      `${ERASE}已校核 1/3 个文件…`,
      `${ERASE}一二三四五六七八九…`,
      `${ERASE}a\\x1B[2Jb`,
      ERASE,
    ]);
  });
});

describe("tdcheck check: progress", () => {
  test("a batch on a terminal: files done / total on stderr, erased before the summary; JSON on stdout untouched", async () => {
    const dir = folder();
    const plain = terminal(false);
    const plainCode = await runCli(["check", dir, "--format", "json"], plain.io);
    const tty = terminal(true);
    const code = await runCli(["check", dir, "--format", "json"], tty.io);
    expect(code).toBe(plainCode);
    // stdout is exactly what it is without a terminal: no progress in the JSON.
    expect(tty.text("out")).toBe(plain.text("out"));
    expect(tty.text("out")).not.toContain("\r");
    expect(tty.text("out")).not.toContain("\u001b");
    const err = tty.text("err");
    for (const n of [0, 1, 2, 3]) expect(err).toContain(`${ERASE}已校核 ${n}/3 个文件…`);
    // The line is erased before stdout is written.
    const firstOut = tty.log.findIndex((l) => l.stream === "out");
    expect(
      tty.log
        .slice(0, firstOut)
        .map((l) => l.text)
        .pop(),
    ).toBe(ERASE);
    // Without a terminal: not a trace.
    expect(plain.text("err")).toBe("");
  });

  test("text output and messages of unusable files come after the erased line, in English too", async () => {
    const dir = folder();
    fs.writeFileSync(
      path.join(dir, "d.csv"),
      Uint8Array.from({ length: 500 }, (_, i) => 0x81 + (i % 120)),
    );
    const tty = terminal(true);
    await runCli(["check", dir, "--format", "csv", "--lang", "en"], tty.io);
    const err = tty.text("err");
    expect(err).toContain(`${ERASE}Checked 4/4 files…`);
    // The refusal of d.csv is on a line of its own, after the progress line was erased.
    const refusal = err.indexOf("tdcheck: ");
    expect(err.slice(refusal - ERASE.length, refusal)).toBe(ERASE);
    expect(err.slice(refusal)).toMatch(/^tdcheck: .*d\.csv: cannot tell the text's encoding/);
    expect(tty.text("out").startsWith("\ufefffile,sheet,cell")).toBe(true);
  });

  test("one large workbook on a terminal: rows read, then checking; a small one shows nothing", async () => {
    const dir = tempDir();
    const large = path.join(dir, "large.xlsx");
    const book = buildSplitWorkbook(20_000, 20);
    fs.writeFileSync(large, book.bytes);
    expect(book.bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const tty = terminal(true);
    const code = await runCli(["check", large, "--format", "json"], tty.io);
    expect(code).toBe(1);
    const err = tty.text("err");
    expect(err).toContain(`${ERASE}读取 large.xlsx：已读 0 行…`);
    expect(err).toContain(`${ERASE}读取 large.xlsx：已读 16,384 行…`);
    expect(err).toContain(`${ERASE}校核 large.xlsx：20,002 行…`);
    expect(err.endsWith(ERASE)).toBe(true);
    expect(() => JSON.parse(tty.text("out"))).not.toThrow();

    const small = terminal(true);
    await runCli(["check", SAMPLE], small.io);
    expect(small.text("err")).toBe("");
  });

  test("a large CSV on a terminal shows its rows too; not a terminal, nothing", async () => {
    const dir = tempDir();
    const file = path.join(dir, "big.csv");
    const lines = ["单位,新增企业数(家),投资额(亿元),新增项目数(个)", "合计,,,"];
    let a = 0;
    for (let u = 1; u <= 100_000; u++) {
      lines.push(`单位${u}镇,${u % 97},${(u % 13) + 0.5},${u % 7}`);
      a += u % 97;
    }
    lines[1] = `合计,${a},,`;
    fs.writeFileSync(file, lines.join("\r\n"));
    expect(fs.statSync(file).size).toBeGreaterThan(2 * 1024 * 1024);
    const tty = terminal(true);
    await runCli(["check", file, "--format", "json"], tty.io);
    expect(tty.text("err")).toContain(`${ERASE}校核 big.csv：100,002 行…`);
    const plain = terminal(false);
    await runCli(["check", file, "--format", "json"], plain.io);
    expect(plain.text("err")).toBe("");
    expect(plain.text("out")).toBe(tty.text("out"));
  });
});
