import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Strings } from "../i18n";

/** Asks once who applies the change; the name is kept in the workbook's settings. */
export function NameDialog({
  t,
  open,
  onCancel,
  onName,
}: {
  t: Strings;
  open: boolean;
  onCancel: () => void;
  onName: (by: string) => Promise<void>;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) setError(true);
            else void onName(name.trim());
          }}
        >
          <DialogBody>
            <DialogTitle>{t["name.title"]}</DialogTitle>
            <DialogContent>
              <Body1>{t["name.body"]}</Body1>
              <Field
                label={t["name.label"]}
                required
                validationState={error ? "error" : "none"}
                validationMessage={error ? t["name.needed"] : undefined}
              >
                <Input
                  value={name}
                  onChange={(_, d) => {
                    setName(d.value);
                    if (d.value.trim()) setError(false);
                  }}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit">
                {t["name.confirm"]}
              </Button>
              <Button type="button" onClick={onCancel}>
                {t.cancel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
