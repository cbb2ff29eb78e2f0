import { Field, TextAreaField } from "@/components/ui/field";

type Values = { label: string; description: string; example: string; frequency: string };

/** The four texts people read about a category on hosted forms; shared by the add and edit forms. */
export function CategoryWordingFields({ idPrefix, values, error }: { idPrefix: string; values?: Values; error: (field: string) => string | undefined }) {
  return (
    <>
      <Field
        id={`${idPrefix}-label`}
        label="Label"
        name="label"
        defaultValue={values?.label}
        error={error("label")}
        hint="What people tick, e.g. Order updates."
      />
      <Field
        id={`${idPrefix}-frequency`}
        label="How often"
        name="frequency"
        defaultValue={values?.frequency}
        error={error("frequency")}
        hint="e.g. Up to 2 a month, or Only when you order."
      />
      <TextAreaField
        id={`${idPrefix}-description`}
        label="Description"
        name="description"
        defaultValue={values?.description}
        error={error("description")}
        hint="What these messages are about."
        className="sm:col-span-2"
      />
      <TextAreaField
        id={`${idPrefix}-example`}
        label="Example message"
        name="example"
        defaultValue={values?.example}
        error={error("example")}
        hint="One realistic message, so people know what they will get."
        className="sm:col-span-2"
      />
    </>
  );
}
