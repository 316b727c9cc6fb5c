package api

import (
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"petitiond/uploads"
)

// upload takes one image (multipart field "file", as wx.uploadFile sends
// it), checks it by its bytes, strips its metadata and stores it.
func (h *citizen) upload(c *fiber.Ctx) error {
	if !strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderContentType)), fiber.MIMEMultipartForm) {
		return NewError(fiber.StatusUnsupportedMediaType, "unsupported_media_type", "请以 multipart/form-data 上传图片")
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return FieldError("file", "请选择要上传的图片")
	}
	if fh.Size > uploads.MaxBytes {
		return uploads.ErrTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, uploads.MaxBytes+1))
	if err != nil {
		return err
	}
	u, err := h.Uploads.Save(c.UserContext(), session(c).OpenID, data)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"id": u.ID, "mime": u.MIME, "size": u.Size, "created_at": stamp(u.CreatedAt)})
}

// uploadGet returns the stored (cleaned) image to its uploader.
func (h *citizen) uploadGet(c *fiber.Ctx) error {
	u, data, err := h.Uploads.Open(c.UserContext(), []string{session(c).OpenID}, c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, u.MIME)
	c.Set(fiber.HeaderCacheControl, "private, max-age=86400")
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Send(data)
}
