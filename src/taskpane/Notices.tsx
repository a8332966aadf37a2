/** Messages above the results: host problems worded by problems.ts, and the pane's own sentences. */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { fill, type Strings } from "./i18n";
import { excelProblemText } from "./problems";
import type { Notice } from "./paneState";

export function Notices({
  notices,
  t,
  onDismiss,
}: {
  notices: Notice[];
  t: Strings;
  onDismiss?: (index: number) => void;
}) {
  return (
    <>
      {notices.map((notice, i) => {
        const text =
          notice.kind === "problem"
            ? excelProblemText(notice.problem, t)
            : { title: "", body: fill(t[notice.key], notice.vars ?? {}), intent: notice.intent };
        return (
          <MessageBar key={i} intent={text.intent} layout="multiline">
            <MessageBarBody>
              {text.title && <MessageBarTitle>{text.title}</MessageBarTitle>}
              {text.body}
            </MessageBarBody>
            {onDismiss && (
              <MessageBarActions
                containerAction={
                  <Button
                    appearance="transparent"
                    aria-label={t.dismiss}
                    icon={<Dismiss20Regular />}
                    onClick={() => onDismiss(i)}
                  />
                }
              />
            )}
          </MessageBar>
        );
      })}
    </>
  );
}
