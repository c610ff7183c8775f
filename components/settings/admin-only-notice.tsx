import { Alert } from "@/components/ui/alert";

export function AdminOnlyNotice() {
  return (
    <Alert tone="info">
      <strong className="font-semibold">Administrators only.</strong> You can see these settings, but only an administrator of this account
      can change them.
    </Alert>
  );
}
