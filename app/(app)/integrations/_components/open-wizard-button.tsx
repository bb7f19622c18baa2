import { WizardButton } from '../../onboarding/_components/wizard-button';
import { reopenWizardAction } from '../../onboarding/actions';

/** Any admin can go back to the onboarding wizard: it resumes where it was, or starts a new pass once finished. */
export function OpenWizardButton() {
  return (
    <WizardButton action={reopenWizardAction} variant="secondary">
      Open the setup wizard
    </WizardButton>
  );
}
