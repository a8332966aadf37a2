/**
 * The pane says what detection looked at and did not read (docs/table-understanding.md §4): the
 * adapter's result carries the rejected ranges as the command line's does.
 */
import { checkInExcel, createSession } from "../../src/excel";
import { FakeWorkbook, installFakeExcel } from "../../src/fake-excel";
import { sheet, workbook } from "../helpers/grid";

test("a split beside a table that is not one: the split is checked, the other is listed with its reason", async () => {
  const book = FakeWorkbook.fromGrid(
    workbook(
      sheet("分解", [
        ["地区", "新增企业(家)"],
        ["合计", 10],
        ["甲区", 4],
        ["乙区", 6],
      ]),
      sheet("明细", [
        ["承担单位", "新建住房(套)", "投资(万元)"],
        ["东片区", 20, 410],
        ["西片区", 12, 520],
        ["南片区", 8, 300],
      ]),
    ),
  );
  const host = installFakeExcel(book);
  host.user.activate("分解");
  const outcome = await checkInExcel(createSession(), { sheets: "all" });
  expect(outcome.kind).toBe("checked");
  if (outcome.kind !== "checked") return;
  expect(outcome.result.summary.checks).toBeGreaterThan(0);
  expect(outcome.result.rejected).toEqual([{ sheet: "明细", range: "A1:C4", reason: "no-parent" }]);
});
