import { Alert } from 'antd';

/** The API's Chinese message for a failed query or mutation; nothing while there is no error. */
export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />;
}
