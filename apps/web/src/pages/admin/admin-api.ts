import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type UserPage = Json<paths['/api/v1/users']['get']['responses'][200]>;
export type User = UserPage['items'][number];
export type CreateUserBody = Json<paths['/api/v1/users']['post']['requestBody']>;
export type UpdateUserBody = Json<paths['/api/v1/users/{id}']['patch']['requestBody']>;
export type CalendarYear = Json<paths['/api/v1/calendar/{year}']['get']['responses'][200]>;
export type TargetsYear = Json<paths['/api/v1/targets/{year}']['get']['responses'][200]>;
export type Targets = TargetsYear['targets'];
export type ChannelTarget = Json<
  paths['/api/v1/admin/notification-targets']['get']['responses'][200]
>['items'][number];
export type ChannelTargetBody = Json<paths['/api/v1/admin/notification-targets']['post']['requestBody']>;
export type Thresholds = Json<paths['/api/v1/admin/thresholds']['get']['responses'][200]>;
export type AuditPage = Json<paths['/api/v1/audit']['get']['responses'][200]>;
export type AuditEntry = AuditPage['items'][number];

/**
 * A write from an admin page: on success the message and a refetch of `invalidates`; on failure the API's
 * Chinese message.
 */
export function useAdminMutation<Input, Output>(options: {
  mutationFn: (input: Input) => Promise<Output>;
  invalidates: QueryKey;
  success?: (output: Output, input: Input) => string;
  onSuccess?: (output: Output) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: options.mutationFn,
    onSuccess: async (output, input) => {
      if (options.success) void message.success(options.success(output, input));
      options.onSuccess?.(output);
      await queryClient.invalidateQueries({ queryKey: options.invalidates });
    },
    onError: (error: Error) => void message.error(error.message),
  });
}
