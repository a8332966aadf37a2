import * as fs from "fs";
import * as path from "path";
import { cli, SAMPLE, tempDir } from "../helpers/cli";

describe("tdcheck detect and check --map", () => {
  test("detect prints what was understood, with the reason for each decision", async () => {
    const r = await cli("detect", SAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("上级 D “杭州市目标”（关键词 目标 + 算术吻合 2 行中 1 行）");
    // What the reading rests on, in words.
    expect(r.stdout).toContain(
      "依据：指标名称：表头；指标名称中带计量单位；单位名称为行政区划；杭州市目标：本级目标",
    );
    expect(r.stdout).toContain("新增高新技术企业数(家)  [可加 · 家]");
  });

  test("detect --format json gives a map that check --map accepts, with the same findings", async () => {
    const dir = tempDir();
    const mapFile = path.join(dir, "map.json");
    const d = await cli("detect", SAMPLE, "--format", "json");
    fs.writeFileSync(mapFile, d.stdout);
    const a = await cli("check", SAMPLE, "--format", "json");
    const b = await cli("check", SAMPLE, "--format", "json", "--map", mapFile);
    expect(b.code).toBe(a.code);
    expect(JSON.parse(b.stdout).findings).toEqual(JSON.parse(a.stdout).findings);
  });

  test("a broken map is refused with the field that is wrong, exit 2", async () => {
    const dir = tempDir();
    const mapFile = path.join(dir, "map.json");
    const d = JSON.parse((await cli("detect", SAMPLE, "--format", "json")).stdout);
    d.tables[0].splits[0].parent.at = "ZZZ";
    fs.writeFileSync(mapFile, JSON.stringify(d));
    const r = await cli("check", SAMPLE, "--map", mapFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tables\[0\]\.splits\[0\]\.parent\.at/);
    fs.writeFileSync(mapFile, "{ not json");
    const bad = await cli("check", SAMPLE, "--map", mapFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/不是有效的 JSON/);
  });

  test("a tolerance set on an indicator in the map: the 1999/2000 error becomes info within it", async () => {
    const dir = tempDir();
    const mapFile = path.join(dir, "map.json");
    const d = JSON.parse((await cli("detect", SAMPLE, "--format", "json")).stdout);
    const ind = d.tables[0].indicators.find((i: { name: string }) => i.name.startsWith("新增高新技术企业数"));
    ind.tolerance = "1";
    fs.writeFileSync(mapFile, JSON.stringify(d));
    const r = await cli("check", SAMPLE, "--format", "json", "--map", mapFile);
    expect(r.code).toBe(0);
    const d7 = JSON.parse(r.stdout).findings.filter((f: { cell: string }) => f.cell === "D7");
    expect(d7.map((f: { rule: string; severity: string }) => [f.rule, f.severity])).toEqual([
      ["sum-rounding", "info"],
    ]);
    const text = await cli("check", SAMPLE, "--map", mapFile);
    expect(text.stdout).toContain("在设定的允许误差内；允许 ±1 的误差（用户设定）");
  });
});
