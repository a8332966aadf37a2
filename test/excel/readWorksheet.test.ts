/**
 * The sheet reader against a minimal stand-in for Office.js: properties can be read only after they
 * were loaded and synced, as in a real host, and syncs are counted.
 */
import { readActiveWorksheet } from "../../src/excel/readWorksheet";
import { checkActiveSheet } from "../../src/excel/checkActiveSheet";
import { isErrorValue } from "../../src/core/grid";

interface UsedRange {
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  valueTypes: string[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}

interface Loadable {
  load(names: string | string[]): void;
  commit(): void;
}

/** An object whose properties throw until `load` named them and `sync` ran. */
function loadable<T extends object>(props: T): T & Loadable {
  const loaded = new Set<string>();
  const pending = new Set<string>();
  const target: Loadable = {
    load(names: string | string[]) {
      for (const n of Array.isArray(names) ? names : names.split(",")) pending.add(n.trim());
    },
    commit() {
      for (const n of pending) loaded.add(n);
      pending.clear();
    },
  };
  const proxy = new Proxy(target, {
    get(t, key: string) {
      if (key in t) return t[key as keyof Loadable];
      if (key === "isNullObject") return (props as Record<string, unknown>)[key];
      if (!(key in props)) throw new Error(`unknown member ${key}`);
      if (!loaded.has(key)) throw new Error(`PropertyNotLoaded: ${key}`);
      return (props as Record<string, unknown>)[key];
    },
  });
  return proxy as T & Loadable;
}

function installExcel(sheetName: string, used: UsedRange | null) {
  const state = { syncs: 0, valuesOnly: undefined as boolean | undefined };
  const sheet = loadable({ name: sheetName });
  const range = loadable({ ...(used ?? {}), isNullObject: used === null });
  const context = {
    workbook: {
      worksheets: {
        getActiveWorksheet: () => ({
          load: sheet.load,
          get name() {
            return sheet.name;
          },
          getUsedRangeOrNullObject(valuesOnly?: boolean) {
            state.valuesOnly = valuesOnly;
            return range;
          },
        }),
      },
    },
    async sync() {
      state.syncs++;
      sheet.commit();
      range.commit();
    },
  };
  (globalThis as unknown as { Excel: unknown }).Excel = {
    run: async <T>(batch: (c: typeof context) => Promise<T>) => batch(context),
  };
  return state;
}

afterEach(() => {
  delete (globalThis as unknown as { Excel?: unknown }).Excel;
});

describe("readActiveWorksheet", () => {
  test("places a used range starting at C3 at its sheet position, in one sync", async () => {
    const state = installExcel("分解表", {
      rowIndex: 2,
      columnIndex: 2,
      values: [
        ["指标", "杭州市目标", "上城区"],
        ["新增(家)", 2000, ""],
        ["比重(%)", "#REF!", "23项"],
      ],
      valueTypes: [
        ["String", "String", "String"],
        ["String", "Double", "Empty"],
        ["String", "Error", "String"],
      ],
      formulas: [
        ["指标", "杭州市目标", "上城区"],
        ["新增(家)", "=SUM(E4:Q4)", ""],
        ["比重(%)", "=1/0", "23项"],
      ],
      numberFormat: [
        ["General", "General", "General"],
        ["General", "0", "0.0"],
        ["General", "0.00%", "@"],
      ],
    });
    const grid = await readActiveWorksheet();
    expect(state.syncs).toBe(1);
    expect(state.valuesOnly).toBe(true);
    expect(grid.name).toBe("分解表");
    expect(grid.values).toHaveLength(5);
    expect(grid.values[0]).toEqual([]);
    expect(grid.values[2]).toEqual([undefined, undefined, "指标", "杭州市目标", "上城区"]);
    expect(grid.values[3][3]).toBe(2000);
    expect(grid.values[3][4]).toBeUndefined();
    const error = grid.values[4][3];
    expect(isErrorValue(error) && error.error).toBe("#REF!");
    expect(grid.values[4][4]).toBe("23项");
    expect(grid.formulas?.[3][3]).toBe("SUM(E4:Q4)");
    expect(grid.formulas?.[3][2]).toBeNull();
    expect(grid.numberFormats?.[4][3]).toBe("0.00%");
  });

  test("an empty sheet gives an empty grid", async () => {
    const state = installExcel("Sheet1", null);
    const grid = await readActiveWorksheet();
    expect(grid).toEqual({ name: "Sheet1", values: [] });
    expect(state.syncs).toBe(1);
  });
});

describe("checkActiveSheet", () => {
  test("a sheet that cannot be read is reported as a value, with the host's error code", async () => {
    const failure = Object.assign(new Error("The sheet is protected."), { code: "AccessDenied" });
    const outcome = await checkActiveSheet(() => Promise.reject(failure));
    expect(outcome).toEqual({
      kind: "failed",
      stage: "read",
      detail: "The sheet is protected. (AccessDenied)",
    });
  });

  test("an empty sheet is reported as empty, not checked", async () => {
    const outcome = await checkActiveSheet(async () => ({ name: "Sheet1", values: [[], [undefined, null]] }));
    expect(outcome).toEqual({ kind: "empty-sheet", sheet: "Sheet1" });
  });
});
