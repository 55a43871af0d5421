// Alipay: 扫一扫 opens the camera scanner, so there is no paste-a-link dialog (this keeps its code and styles out of the
// main package; PasteLinkDialog.tsx is the browser's).
export default function PasteLinkDialog (_props: { visible: boolean, error: string | null, onOpen: (text: string) => void, onEdit: () => void, onClose: () => void }) {
  return null
}
