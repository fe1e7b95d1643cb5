export {
  demoBusy,
  demoNotRunning,
  relaunchDemoControl,
  unavailableDemoControl,
  type DemoControl,
} from './demo-control';
export {
  DEMO_SWITCH,
  demoDataDir,
  demoEnvironment,
  demoLaunchFromArgv,
  overlapsRealProfile,
  relaunchArguments,
  type DemoAccount,
  type DemoLaunch,
} from './demo-profile';
export {
  projectSandboxLauncher,
  startDemoSandbox,
  type DemoSandbox,
  type DemoSipPolicy,
  type SandboxLauncher,
} from './demo-sandbox';
export { DESKTOP_DEMO_SIP, startLaunchedDemo } from './demo-launch';
export { startDemoSession, type DemoSession, type DemoSessionOptions } from './demo-session';
export { createDemoStateMachine, type DemoStateMachine } from './demo-state-machine';
export {
  openProfileHost,
  type ProfileHost,
  type ProfileHostOptions,
  type ProfileServicesFactory,
} from './profile-host';
