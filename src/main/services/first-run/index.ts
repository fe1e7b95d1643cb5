export {
  checkProvisioningText,
  createProvisioningImport,
  IMPORTED_PROVISIONING_FILE,
  importedProvisioningPath,
  importProvisioningUnlessDemo,
  withImportedProvisioning,
  type ProvisioningImport,
  type ProvisioningImportOptions,
} from './provisioning-import';
