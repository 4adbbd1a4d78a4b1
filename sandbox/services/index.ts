import { iamQueryProtocol, ec2QueryProtocol, stsQueryProtocol } from '../protocols/query';
import { cloudTrailJsonProtocol, organizationsJsonProtocol, ssmJsonProtocol, taggingJsonProtocol } from '../protocols/json';
import { createRestJsonProtocol } from '../protocols/rest-json';
import type { WireProtocol } from '../protocols/wire';
import type { ServiceDefinition, ServiceName } from '../types';
import { accessAdvisorOperations } from './access-advisor';
import { cloudTrailService } from './cloudtrail';
import { ec2Service } from './ec2';
import { iamService } from './iam';
import { organizationsService } from './organizations';
import { RESOURCE_GROUPS_ROUTES, resourceGroupsService } from './resource-groups';
import { ssmService } from './ssm';
import { stsService } from './sts';
import { taggingService } from './tagging';

// The service registry: which handlers serve each AWS service, and in which wire protocol.

export { buildScenario, SCENARIO_NAMES } from '../scenarios';

export interface RegisteredService {
  definition: ServiceDefinition;
  protocol: WireProtocol;
  /** Regional services answer only in regions enabled for the account; IAM and STS accept any signing region. */
  isRegional: boolean;
}

export const SERVICES: Record<ServiceName, RegisteredService> = {
  iam: {
    definition: { service: 'iam', operations: { ...iamService.operations, ...accessAdvisorOperations } },
    protocol: iamQueryProtocol,
    isRegional: false,
  },
  sts: { definition: stsService, protocol: stsQueryProtocol, isRegional: false },
  ec2: { definition: ec2Service, protocol: ec2QueryProtocol, isRegional: true },
  ssm: { definition: ssmService, protocol: ssmJsonProtocol, isRegional: true },
  tagging: { definition: taggingService, protocol: taggingJsonProtocol, isRegional: true },
  'resource-groups': {
    definition: resourceGroupsService,
    protocol: createRestJsonProtocol('resource-groups', RESOURCE_GROUPS_ROUTES),
    isRegional: true,
  },
  cloudtrail: { definition: cloudTrailService, protocol: cloudTrailJsonProtocol, isRegional: true },
  // Global: the commercial endpoint signs for us-east-1; any signing region is accepted.
  organizations: { definition: organizationsService, protocol: organizationsJsonProtocol, isRegional: false },
};

/** The protocol a service speaks, to word its errors. */
export function getServiceProtocol(service: ServiceName): WireProtocol {
  return SERVICES[service].protocol;
}
