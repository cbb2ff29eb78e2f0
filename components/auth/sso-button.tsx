import { buttonClass } from "@/components/ui/button";

export function SsoButton({ label, next, action }: { label: string; next: string; action: (data: FormData) => Promise<void> }) {
  return (
    <form action={action}>
      <input type="hidden" name="next" value={next} />
      <button type="submit" className={`${buttonClass("secondary")} w-full`}>
        Continue with {label}
      </button>
    </form>
  );
}
