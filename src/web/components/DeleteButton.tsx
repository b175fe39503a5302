import { DeleteOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps, Popconfirm } from "antd";
import { api, errorMessage } from "../api/client";
import { useT } from "../i18n";

/**
 * Deletes one record after asking: the API's DELETE on `path`, then `done` as a message and `onDeleted`; the server's
 * reason when it refuses. Without children it is a small icon button.
 */
export function DeleteButton({
  path,
  confirm,
  done,
  onDeleted,
  children,
  ...buttonProps
}: Omit<ButtonProps, "onClick" | "danger" | "icon"> & {
  path: string;
  confirm: string;
  done: string;
  onDeleted: () => void;
  "data-testid"?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const remove = async () => {
    try {
      await api.delete(path);
      message.success(done);
      onDeleted();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Popconfirm title={confirm} okButtonProps={{ danger: true }} onConfirm={remove}>
      <Button
        size={children ? undefined : "small"}
        danger
        icon={<DeleteOutlined />}
        aria-label={children ? undefined : t("common.remove")}
        {...buttonProps}
      >
        {children}
      </Button>
    </Popconfirm>
  );
}
