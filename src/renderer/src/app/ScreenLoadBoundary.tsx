import { Component, type ReactNode } from 'react';
import { Banner } from '../ui/Banner';

interface Props {
  readonly title: string;
  readonly body: string;
  readonly retryLabel: string;
  /** Called before the screen renders again (a lazy screen forgets its failed load). */
  readonly onRetry: () => void;
  readonly children: ReactNode;
}

interface State {
  readonly failed: boolean;
}

/**
 * Catches a screen that failed to load or render, so the failure stays in the screen area:
 * without it React would unmount the whole frame, and with it the SIP phone (calls stop ringing).
 * A class: React catches render errors only in class components.
 */
export class ScreenLoadBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  private readonly retry = (): void => {
    this.props.onRetry();
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="screen" data-testid="screen-failed">
        <Banner tone="error" title={this.props.title}>
          <p>{this.props.body}</p>
          <button type="button" className="button" onClick={this.retry}>
            {this.props.retryLabel}
          </button>
        </Banner>
      </div>
    );
  }
}
