/** Event handlers (onChanged, ExcelApi 1.7). */
import { type ClassSpec, fail, method } from "./members";
import { FakeObject, wrap } from "./object";

export class EventHandlers extends FakeObject {
  add(h: (args: unknown) => unknown): FakeObject {
    if (typeof h !== "function") fail("InvalidArgument", "an event handler is a function");
    const result = wrap(new EventHandlerResult(this._ctx, HANDLER_RESULT, () => null));
    this._ctx._enqueue("EventHandlers.add", 0, () => {
      result._registration = this._ctx._host.addHandler(this._require<string>(), h);
    });
    return result;
  }
}

export const EVENTS: ClassSpec = { name: "EventHandlers", members: { add: method(7) } };

class EventHandlerResult extends FakeObject {
  _registration: { remove(): void } | undefined;
  remove(): void {
    this._ctx._enqueue("EventHandlerResult.remove", 0, () => {
      this._registration?.remove();
      this._registration = undefined;
    });
  }
}

const HANDLER_RESULT: ClassSpec = { name: "EventHandlerResult", members: { remove: method(7) } };
