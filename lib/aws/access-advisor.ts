import 'server-only';
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  type IAMClient,
  type ServiceLastAccessed as SdkServiceLastAccessed,
} from '@aws-sdk/client-iam';
import { callAws } from './errors';
import { collectPages, runDirectly, type ReadOptions } from './paging';
import type { ServiceLastAccessed, ServiceLastAccessedJobStatus, ServiceLastAccessedReport } from './types';

// IAM Access Advisor: start a last-accessed report on an identity, then read it (in progress, completed with
// every service its policies grant, or failed), paged to the end.

const PAGE_SIZE = 1000;

/** Starts a report job on `arn` and returns its JobId. */
export async function startServiceLastAccessedReport(
  client: IAMClient,
  arn: string,
  granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL' = 'ACTION_LEVEL',
): Promise<string> {
  const output = await callAws(() => client.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: granularity })));
  return output.JobId ?? '';
}

function toService(service: SdkServiceLastAccessed): ServiceLastAccessed {
  const output: ServiceLastAccessed = { serviceName: service.ServiceName ?? '', serviceNamespace: service.ServiceNamespace ?? '' };
  if (service.LastAuthenticated) output.lastAuthenticated = service.LastAuthenticated.toISOString();
  if (service.LastAuthenticatedRegion) output.lastAuthenticatedRegion = service.LastAuthenticatedRegion;
  if (service.TrackedActionsLastAccessed) {
    output.trackedActions = service.TrackedActionsLastAccessed.map((action) => ({
      actionName: action.ActionName ?? '',
      ...(action.LastAccessedTime ? { lastAccessedTime: action.LastAccessedTime.toISOString() } : {}),
      ...(action.LastAccessedRegion ? { lastAccessedRegion: action.LastAccessedRegion } : {}),
    }));
  }
  return output;
}

/** The report of job `jobId` as it stands: every page when it is complete. */
export async function getServiceLastAccessedReport(client: IAMClient, jobId: string, options: ReadOptions = {}): Promise<ServiceLastAccessedReport> {
  const job: { status: ServiceLastAccessedJobStatus; completedAt?: string; failure?: string } = { status: 'IN_PROGRESS' };
  const services = await collectPages(
    options.run ?? runDirectly,
    { operation: 'GetServiceLastAccessedDetails', key: jobId },
    (marker, abortSignal) =>
      callAws(() => client.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: PAGE_SIZE, Marker: marker }), { abortSignal })),
    (page) => {
      job.status = (page.JobStatus ?? 'IN_PROGRESS') as ServiceLastAccessedJobStatus;
      job.completedAt = page.JobCompletionDate?.toISOString();
      job.failure = page.Error?.Message;
      return { items: page.ServicesLastAccessed, nextToken: page.JobStatus === 'COMPLETED' && page.IsTruncated ? page.Marker : undefined };
    },
  );
  return {
    status: job.status,
    services: job.status === 'COMPLETED' ? services.map(toService) : [],
    ...(job.completedAt ? { completedAt: job.completedAt } : {}),
    ...(job.failure ? { failure: job.failure } : {}),
  };
}
