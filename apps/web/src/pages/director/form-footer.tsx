import { Button, Flex } from 'antd';
import { ErrorAlert } from '../../components/error-alert';

interface FormFooterProps {
  error: Error | null;
  pending: boolean;
  submitLabel: string;
  cancelLabel: string;
  onCancel: () => void;
  submitTestId: string;
}

/** The end of a board form: the API's refusal if any, then cancel and submit. */
export function FormFooter(props: FormFooterProps) {
  const { error, pending, submitLabel, cancelLabel, onCancel, submitTestId } = props;
  return (
    <>
      <ErrorAlert error={error} />
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel}>{cancelLabel}</Button>
        <Button type="primary" htmlType="submit" loading={pending} data-testid={submitTestId}>
          {submitLabel}
        </Button>
      </Flex>
    </>
  );
}
